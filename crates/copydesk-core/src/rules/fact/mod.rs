//! Facts an article can check against itself: totals and weekdays.

pub mod total;
pub mod weekday;
