//! The staff dashboard (`/sv/personal/`): counts that link to filtered queues and charts drawn
//! on the server as SVG.
