//! Names: misspelt, spelt two ways, or transliterated for the other language.

pub mod inconsistent;
pub mod misspelled;
mod names;
pub mod transliteration;
mod word_order;
