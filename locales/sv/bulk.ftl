# Bulk actions on the queue, reply collisions and who else is reading (issue 22).
