//! How a refresh table's dates are read. `5/08/2019` is May 8th month-first and August 5th
//! day-first; a table that also has `26/02/2019` writes day-first. So each table's order is
//! decided from its rows that only one order reads, and its ambiguous rows are read that way.
//! With no such row the formats decide in their configured order, as for one date alone.

use crate::config::dates::{parse_date, Date};

/// Which of day and month a date format writes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

impl Order {
    pub fn phrase(self) -> &'static str {
        match self {
            Order::DayFirst => "day-first",
            Order::MonthFirst => "month-first",
        }
    }
}

/// One row's date as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub date: Date,
    /// The formats agree on the date (or only one reads it): nothing was decided for it.
    pub certain: bool,
    /// For an uncertain row: the order it was read in, and whether the table's other rows
    /// decided it (rather than the configured order of the formats).
    pub read_as: Option<(Order, bool)>,
}

/// The distinct dates one row reads as, each with the orders of the formats that read it.
type Candidates = Vec<(Date, Vec<Option<Order>>)>;

/// The order a format writes day and month in; `None` when the year comes first (`Y-M-D`).
fn order_of(format: &str) -> Option<Order> {
    let at = |c: char| format.find(c);
    match (at('Y'), at('D'), at('M')) {
        (Some(y), Some(d), Some(m)) if y < d && y < m => None,
        (_, Some(d), Some(m)) if d < m => Some(Order::DayFirst),
        (_, Some(_), Some(_)) => Some(Order::MonthFirst),
        _ => None,
    }
}

/// The distinct dates `text` reads as, each with the orders of the formats that read it, in
/// the order of the first format that gives each.
fn candidates(formats: &[String], text: &str) -> Candidates {
    let mut out: Candidates = Vec::new();
    for format in formats {
        let Some(date) = parse_date(format, text) else {
            continue;
        };
        match out.iter_mut().find(|(d, _)| *d == date) {
            Some((_, orders)) => orders.push(order_of(format)),
            None => out.push((date, vec![order_of(format)])),
        }
    }
    out
}

/// The order the table's unambiguous rows write in, if they agree more one way than the other.
fn table_order(all: &[Candidates]) -> Option<Order> {
    let (mut day, mut month) = (0, 0);
    for row in all {
        let [(_, orders)] = row.as_slice() else {
            continue;
        };
        let has = |o: Order| orders.contains(&Some(o));
        match (has(Order::DayFirst), has(Order::MonthFirst)) {
            (true, false) => day += 1,
            (false, true) => month += 1,
            _ => {}
        }
    }
    match day.cmp(&month) {
        std::cmp::Ordering::Greater => Some(Order::DayFirst),
        std::cmp::Ordering::Less => Some(Order::MonthFirst),
        std::cmp::Ordering::Equal => None,
    }
}

/// Every row's date (`None`: no format reads it), ambiguous rows read the table's way.
pub fn read_rows<'t>(
    formats: &[String],
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<Option<Reading>> {
    let all: Vec<_> = texts.into_iter().map(|t| candidates(formats, t)).collect();
    let order = table_order(&all);
    all.iter()
        .map(|row| match row.as_slice() {
            [] => None,
            [(date, _)] => Some(Reading {
                date: *date,
                certain: true,
                read_as: None,
            }),
            [(first, first_orders), ..] => {
                let chosen = order.and_then(|o| {
                    row.iter()
                        .find(|(_, orders)| orders.contains(&Some(o)))
                        .map(|(d, _)| (*d, o))
                });
                let (date, read_as) = match chosen {
                    Some((d, o)) => (d, Some((o, true))),
                    None => (
                        *first,
                        first_orders.iter().flatten().next().map(|o| (*o, false)),
                    ),
                };
                Some(Reading {
                    date,
                    certain: false,
                    read_as,
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Vec<String> {
        ["M/D/Y", "D/M/Y", "D-M-Y", "D.M.Y", "Y-M-D"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn dates(rows: &[&str]) -> Vec<Option<Date>> {
        read_rows(&es(), rows.iter().copied())
            .into_iter()
            .map(|r| r.map(|r| r.date))
            .collect()
    }

    #[test]
    fn ambiguous_rows_follow_the_tables_order() {
        // `26/02/2019` is only day-first: `5/08/2019` is August 5th in that table.
        assert_eq!(
            dates(&["26/02/2019", "5/08/2019"]),
            [Some((2019, 2, 26)), Some((2019, 8, 5))]
        );
        // `10/24/2019` is only month-first: `5/08/2019` is May 8th there.
        assert_eq!(
            dates(&["10/24/2019", "5/08/2019"]),
            [Some((2019, 10, 24)), Some((2019, 5, 8))]
        );
        // Nothing decides: the formats' own order (M/D/Y first here).
        let rows = read_rows(&es(), ["5/08/2019"]);
        assert_eq!(rows[0].map(|r| r.date), Some((2019, 5, 8)));
        assert_eq!(
            rows[0].and_then(|r| r.read_as),
            Some((Order::MonthFirst, false))
        );
        // ISO dates and a day equal to the month vote for nothing and are certain.
        let rows = read_rows(&es(), ["2019-08-05", "5/5/2019", "26/02/2019", "3/04/2019"]);
        assert!(rows[0].is_some_and(|r| r.certain) && rows[1].is_some_and(|r| r.certain));
        assert_eq!(
            rows[3].map(|r| (r.date, r.certain)),
            Some(((2019, 4, 3), false))
        );
        assert_eq!(
            rows[3].and_then(|r| r.read_as),
            Some((Order::DayFirst, true))
        );
        assert_eq!(dates(&["31/31/2019"]), [None]);
    }

    #[test]
    fn a_tie_is_no_decision() {
        assert_eq!(
            dates(&["26/02/2019", "10/24/2019", "5/08/2019"])[2],
            Some((2019, 5, 8))
        );
        assert_eq!(order_of("Y年M月D日"), None);
        assert_eq!(order_of("D.M.Y"), Some(Order::DayFirst));
    }
}
