//! `meetings --ics`: the calendar is built in [`crate::ics`], which the
//! reader also uses to export one meeting.

pub use crate::ics::*;
