//! Calendar entries → meetings.
