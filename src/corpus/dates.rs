//! Issue date inference.
