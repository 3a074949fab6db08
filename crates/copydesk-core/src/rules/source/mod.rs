//! What the article's sources are: state-controlled outlets.

pub mod state_media;
