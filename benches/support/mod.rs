//! Code shared by the benches (not a bench itself).

pub mod corpora;
pub mod gen;
