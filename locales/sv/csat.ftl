# Satisfaction: the question in the resolved e-mail and its page (issue 22).
