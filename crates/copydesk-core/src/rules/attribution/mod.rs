//! Who says what: quotations with no speaker, anonymous and vague sources, the unsourced
//! journalistic conditional.

pub mod anonymous_source;
pub mod unattributed_quote;
pub mod unsourced_conditional;
pub mod vague_source;
