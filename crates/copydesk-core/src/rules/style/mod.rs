//! Slips of the pen that are not about names or sources.

pub mod repeated_word;
