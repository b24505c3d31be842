//! Whatever is typed or sent — a phone number, a binding message, a webhook body, a stored
//! phone login — the parsers answer with a value or an error, never a panic; and a number
//! that parses always becomes a well-formed hint whose masked form hides all but three digits.

use proptest::prelude::*;
use vipps_auth::phone::parse_phone_login_ping;
use vipps_auth::{BindingMessage, PhoneLogin, PhoneNumber};

fn phone_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("+".to_owned()),
        Just("00".to_owned()),
        Just("47".to_owned()),
        Just("45".to_owned()),
        Just("358".to_owned()),
        Just("urn:msisdn:".to_owned()),
        Just(" ".to_owned()),
        Just("(0)".to_owned()),
        "[0-9]{1,9}",
        "[0-9 .()+-]{0,4}",
        "\\PC{0,2}",
    ];
    proptest::collection::vec(part, 0..8).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn phone_numbers(input in phone_like()) {
        if let Ok(number) = PhoneNumber::parse(&input) {
            let hint = number.login_hint();
            let digits = hint.expose().strip_prefix("urn:msisdn:").unwrap();
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()) && (9..=13).contains(&digits.len()));
            let masked = number.masked();
            let shown = masked.split_once(' ').unwrap().1.chars().filter(char::is_ascii_digit).count();
            prop_assert_eq!(shown, 3, "{}", masked);
        }
    }

    #[test]
    fn phone_numbers_from_any_text(input in "\\PC{0,40}") {
        let _ = PhoneNumber::parse(&input);
    }

    #[test]
    fn binding_messages(input in "\\PC{0,12}") {
        if let Ok(message) = BindingMessage::new(&input) {
            prop_assert_eq!(message.as_str(), input.as_str());
        }
    }

    #[test]
    fn webhook_pings(body in proptest::collection::vec(any::<u8>(), 0..120)) {
        let _ = parse_phone_login_ping(&body);
    }

    #[test]
    fn stored_phone_logins(text in "(vipps-phone-login\\.v1\\.)?[A-Za-z0-9_-]{0,80}") {
        let _ = PhoneLogin::restore(&text);
    }
}
