//! Phone numbers as people type them — `+47 123 45 678`, `0047 12345678`, `4712345678`,
//! `+45 12 34 56 78` — turned into Vipps' login hint `urn:msisdn:<country code + number>`.
//! Vipps MobilePay serves Norway, Denmark and Finland; a number without a country code is
//! refused, never guessed. A phone number is personal data: Debug and Display show it masked
//! (`+47 *** ** 678`), and no error repeats it.

use crate::error::{Error, Result};
use crate::secret::Secret;
use std::fmt;

/// Country codes Vipps MobilePay serves, with how many digits follow them.
const COUNTRIES: [(&str, &str, std::ops::RangeInclusive<usize>); 3] =
    [("47", "Norwegian", 8..=8), ("45", "Danish", 8..=8), ("358", "Finnish", 6..=10)];

const HOW: &str = "write it with its country code: +47 (Norway), +45 (Denmark) or +358 (Finland)";

#[derive(Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    country_code: &'static str,
    /// The digits after the country code.
    national: Secret,
}

impl PhoneNumber {
    /// Reads a number with its country code (`+`, `00` or none before it); spaces, `-`, `.`
    /// and brackets are ignored. `urn:msisdn:…` is read too.
    pub fn parse(input: &str) -> Result<PhoneNumber> {
        let refuse = |reason: String| Error::config("phone_number", reason);
        let text = input.trim();
        let text = text.strip_prefix("urn:msisdn:").unwrap_or(text);
        if text.is_empty() {
            return Err(refuse("is empty".into()));
        }
        let (plus, rest) = match text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if let Some(bad) = rest.chars().find(|c| !(c.is_ascii_digit() || " -.()\u{a0}".contains(*c))) {
            let what = if bad.is_alphabetic() { "letters" } else { "characters other than digits" };
            return Err(refuse(format!("contains {what}: {HOW} (the number is not shown)")));
        }
        let digits = Secret::new(rest.chars().filter(char::is_ascii_digit).collect::<String>());
        let (international, digits) = match digits.expose().strip_prefix("00") {
            Some(after) if !plus => (true, after),
            _ => (plus, digits.expose()),
        };
        if !international && digits.len() <= 8 {
            return Err(refuse(format!("has no country code: {HOW}; vipps-auth never guesses the country")));
        }
        let Some((code, country, lengths)) = COUNTRIES.iter().find(|(code, ..)| digits.starts_with(code)) else {
            return Err(refuse(match international {
                true => format!("its country code is not one Vipps MobilePay serves: {HOW}"),
                false => format!("has no country code Vipps MobilePay serves: {HOW}"),
            }));
        };
        let mut national = &digits[code.len()..];
        if *code == "358" {
            // Finns often keep the trunk 0: +358 (0)40 … A second 0 is no Finnish number,
            // and would make the number change each time it is written and read again.
            national = national.strip_prefix('0').unwrap_or(national);
            if national.starts_with('0') {
                return Err(refuse(format!("{country} numbers do not start with 0 after +{code} and its trunk 0")));
            }
        }
        if !lengths.contains(&national.len()) {
            let expected = match lengths.start() == lengths.end() {
                true => lengths.start().to_string(),
                false => format!("{} to {}", lengths.start(), lengths.end()),
            };
            return Err(refuse(format!(
                "{country} numbers have {expected} digits after +{code}; this one has {}",
                national.len()
            )));
        }
        Ok(PhoneNumber { country_code: code, national: Secret::new(national) })
    }

    /// `urn:msisdn:4712345678`: what Vipps' `login_hint` takes (since September 2023).
    pub fn login_hint(&self) -> Secret {
        Secret::new(format!("urn:msisdn:{}", self.digits().expose()))
    }

    /// The country code and number: `4712345678`.
    pub fn digits(&self) -> Secret {
        Secret::new(format!("{}{}", self.country_code, self.national.expose()))
    }

    /// Every way a server may echo the number back (hint, with and without the country
    /// code), longest first: to scrub from its messages.
    pub(crate) fn spellings(&self) -> [Secret; 3] {
        [self.login_hint(), self.digits(), self.national.clone()]
    }

    /// `+47 *** ** 678`: safe for logs and screens.
    pub fn masked(&self) -> String {
        let national = self.national.expose();
        let hidden = national.len().saturating_sub(3);
        let stars: Vec<String> = (0..hidden).step_by(3).map(|at| "*".repeat((hidden - at).min(3))).collect();
        format!("+{} {} {}", self.country_code, stars.join(" "), &national[hidden..])
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_type_becomes_a_login_hint() {
        for typed in ["+47 123 45 678", "0047 12345678", "4712345678", "+47-123-45-678", "urn:msisdn:4712345678"] {
            let number = PhoneNumber::parse(typed).unwrap();
            assert_eq!(number.login_hint().expose(), "urn:msisdn:4712345678", "{typed}");
            assert_eq!(number.masked(), "+47 *** ** 678");
        }
        assert_eq!(PhoneNumber::parse("+45 12 34 56 78").unwrap().digits().expose(), "4512345678");
        assert_eq!(PhoneNumber::parse("+358 (0)40 1234567").unwrap().digits().expose(), "358401234567");
    }

    #[test]
    fn refusals_say_why_without_the_number() {
        let why = |typed: &str| PhoneNumber::parse(typed).unwrap_err().to_string();
        assert!(why("12345678").contains("no country code"));
        assert!(why("+46 70 123 45 67").contains("not one Vipps MobilePay serves"));
        assert!(why("+47 1234 5678 9").contains("have 8 digits after +47; this one has 9"));
        assert!(why("+47 12a45678").contains("letters"));
        assert!(why("").contains("empty"));
        for typed in ["12345678", "+47 1234 5678 9", "+4612345678"] {
            assert!(!why(typed).contains("2345678"), "{}", why(typed));
        }
        assert_eq!(format!("{:?}", PhoneNumber::parse("+4712345678").unwrap()), "PhoneNumber(+47 *** ** 678)");
    }
}
