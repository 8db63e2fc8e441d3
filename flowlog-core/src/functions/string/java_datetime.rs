//! The `%t` date/time conversions of `java.util.Formatter` (`%tF`, `%tT`, `%tc`, …), in
//! English, over the fields of a `LocalDate`, `LocalDateTime`, `ZonedDateTime` or `LocalTime`.

use super::java_formatter::{FormatError, error};
use super::java_value::{Fields, JavaValue};
use crate::time::TrinoZone;
use crate::time::calendar::day_of_week;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn unsupported(field: &str) -> FormatError {
    error(
        "UnsupportedTemporalType",
        format!("Unsupported field: {field}"),
    )
}

/// One `%t` conversion of a date/time value.
pub(crate) fn datetime(c: char, f: &Fields, arg: &JavaValue) -> Result<String, FormatError> {
    let date = || f.date.ok_or_else(|| unsupported("Year"));
    let nanos = || f.nanos_of_day.ok_or_else(|| unsupported("HourOfDay"));
    let hour = || nanos().map(|n| n / 3_600_000_000_000);
    let twelve = |h: i64| if h % 12 == 0 { 12 } else { h % 12 };
    let sub = |c: char| datetime(c, f, arg);
    Ok(match c {
        'H' => format!("{:02}", hour()?),
        'I' => format!("{:02}", twelve(hour()?)),
        'k' => hour()?.to_string(),
        'l' => twelve(hour()?).to_string(),
        'M' => format!("{:02}", nanos()? / 60_000_000_000 % 60),
        'S' => format!("{:02}", nanos()? / 1_000_000_000 % 60),
        'L' => format!("{:03}", nanos()? / 1_000_000 % 1000),
        'N' => format!("{:09}", nanos()? % 1_000_000_000),
        'p' => if hour()? < 12 { "am" } else { "pm" }.to_string(),
        'z' => {
            let o = f
                .offset_seconds
                .ok_or_else(|| unsupported("OffsetSeconds"))?;
            let minutes = o.unsigned_abs() / 60;
            let sign = if o < 0 { '-' } else { '+' };
            format!("{sign}{:04}", minutes / 60 * 100 + minutes % 60)
        }
        'Z' => match arg {
            JavaValue::Zoned { epoch_nanos, zone } => match zone {
                TrinoZone::Offset(_) => {
                    let text = arg.to_java_string();
                    let start = text.rfind(['+', '-', 'Z']).unwrap_or(0);
                    text[start..].to_string()
                }
                _ => {
                    let millis = epoch_nanos.div_euclid(1_000_000);
                    zone.joda_name(i64::try_from(millis).unwrap_or(0), false)
                }
            },
            _ => return Err(unsupported("ZoneId")),
        },
        's' | 'Q' => {
            let n = f.epoch_nanos.ok_or_else(|| unsupported("InstantSeconds"))?;
            let per = if c == 's' { 1_000_000_000 } else { 1_000_000 };
            n.div_euclid(per).to_string()
        }
        'B' => MONTHS[date()?.1 as usize - 1].to_string(),
        'b' | 'h' => MONTHS[date()?.1 as usize - 1][..3].to_string(),
        'A' | 'a' => {
            let days = f.days.ok_or_else(|| unsupported("DayOfWeek"))?;
            let dow = day_of_week(i64::try_from(days).unwrap_or(0));
            let name = WEEKDAYS[usize::try_from(dow - 1).unwrap_or(0)];
            if c == 'A' {
                name.to_string()
            } else {
                name[..3].to_string()
            }
        }
        'C' => format!("{:02}", date()?.0.div_euclid(100)),
        'Y' => format!("{:04}", date()?.0),
        'y' => format!("{:02}", date()?.0.rem_euclid(100)),
        'j' => {
            let (year, _, _) = date()?;
            let days = f.days.unwrap_or(0);
            let jan1 =
                crate::time::calendar::days_from_civil(i64::try_from(year).unwrap_or(0), 1, 1);
            format!("{:03}", days - i128::from(jan1) + 1)
        }
        'm' => format!("{:02}", date()?.1),
        'd' => format!("{:02}", date()?.2),
        'e' => date()?.2.to_string(),
        'R' => format!("{}:{}", sub('H')?, sub('M')?),
        'T' => format!("{}:{}:{}", sub('H')?, sub('M')?, sub('S')?),
        'r' => format!(
            "{}:{}:{} {}",
            sub('I')?,
            sub('M')?,
            sub('S')?,
            sub('p')?.to_uppercase()
        ),
        'D' => format!("{}/{}/{}", sub('m')?, sub('d')?, sub('y')?),
        'F' => format!("{}-{}-{}", sub('Y')?, sub('m')?, sub('d')?),
        'c' => format!(
            "{} {} {} {} {} {}",
            sub('a')?,
            sub('b')?,
            sub('d')?,
            sub('T')?,
            sub('Z')?,
            sub('Y')?
        ),
        other => {
            return Err(error(
                "UnknownFormatConversion",
                format!("Conversion = 't{other}'"),
            ));
        }
    })
}
