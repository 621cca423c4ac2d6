# The staff dashboard with its counts and charts (issue 22).
