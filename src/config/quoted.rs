//! How a refused setting is quoted back in an error.

/// As written when it looks like the word that was meant (`prod`, `Basic`: the typo is then
/// plain to see); otherwise not at all, since it may be a key pasted into the wrong variable.
pub(crate) fn quoted(value: &str) -> String {
    let word = value.len() <= 20 && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if word {
        format!("`{value}`")
    } else {
        "a value that is not shown (not a word)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_shown_and_anything_like_a_key_is_not() {
        assert_eq!(quoted("prod"), "`prod`");
        assert_eq!(quoted("client_secret_jwt"), "`client_secret_jwt`");
        for key in ["3f2b8c41e9d04a7b9c6e5d4f3a2b1c0d", "Zm9vYmFy/c2VjcmV0", "id secret"] {
            assert!(!quoted(key).contains(key), "{key}");
        }
    }
}
