//! Machine access tokens: the standard and specialized endpoints, and the cache.

mod access_token;
mod admission;
pub(crate) mod cache;
mod clock;
mod endpoint;
mod freshness;
mod grant;
mod manager;
mod slot;

pub use access_token::AccessToken;
pub(crate) use freshness::FRESH_SHARE;
pub use grant::{decode_token_response, Grant};
pub use manager::{FreshToken, TokenManager, DEFAULT_CAPACITY};
