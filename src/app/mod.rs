//! App-to-app login for Android and iOS apps: the authorize URL for the app flows (built by
//! the backend with [`LoginClient::authorize`](crate::LoginClient::authorize) and
//! [`AppFlow`](crate::login::AppFlow), or on the phone with [`authorize_on_device`]), what
//! the app was opened with ([`parse_app_url`]), the code handoff to the backend
//! ([`CodeHandoff`], [`LoginClient::complete_handoff`](crate::LoginClient::complete_handoff)),
//! and the association files that make universal links and app links open the app. Nothing
//! here needs a client secret or the network on the phone.

mod association;
mod complete;
mod device;
mod handoff;
mod links_check;
mod received;

pub use association::{AndroidApp, AppLinks, IosApp};
pub use device::authorize_on_device;
pub use handoff::CodeHandoff;
pub use links_check::{check_app_links, AppLinksReport, LinkVerdict};
pub use received::{parse_app_url, AppUrl};
