//! Calendar dates: enough to read front matter and to know the weekday of a date.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Days of the week, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The French name, lowercase as French writes it: "lundi".
    pub fn french(self) -> &'static str {
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ][self as usize]
    }

    /// The English name: "Monday".
    pub fn english(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

impl Date {
    /// A valid date, or `None` (31 February, month 13…).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` at the start of a value, as front matter writes dates and datetimes
    /// ("2019-03-27", "2019-03-27T10:00:00Z").
    pub fn parse_iso(value: &str) -> Option<Date> {
        let value = value.trim().trim_matches(['"', '\'']);
        let head = value.get(..10)?;
        let mut parts = head.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() || head.as_bytes()[4] != b'-' {
            return None;
        }
        Date::new(year, month, day)
    }

    /// The day of the week (Sakamoto's method).
    pub fn weekday(self) -> Weekday {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let year = if self.month < 3 {
            self.year - 1
        } else {
            self.year
        };
        let sunday_based = (year + year.div_euclid(4) - year.div_euclid(100)
            + year.div_euclid(400)
            + OFFSETS[self.month as usize - 1]
            + self.day as i32)
            .rem_euclid(7);
        Weekday::ALL[((sunday_based + 6) % 7) as usize]
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(
            Date::new(2019, 3, 27).unwrap().weekday(),
            Weekday::Wednesday
        );
        assert_eq!(Date::new(2019, 6, 9).unwrap().weekday(), Weekday::Sunday);
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), Weekday::Tuesday);
        assert_eq!(
            Date::new(2026, 11, 21).unwrap().weekday(),
            Weekday::Saturday
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2019, 2, 29).is_none());
        assert!(Date::new(2019, 13, 1).is_none());
        assert!(Date::parse_iso("2019-3-27").is_none());
    }

    #[test]
    fn parses_front_matter_dates_and_datetimes() {
        assert_eq!(Date::parse_iso("\"2019-03-27\""), Date::new(2019, 3, 27));
        assert_eq!(
            Date::parse_iso("2019-03-27T10:00:00Z"),
            Date::new(2019, 3, 27)
        );
    }
}
