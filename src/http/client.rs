//! One `reqwest::Client` per distinct transport setting, shared by the whole process, so
//! connections are pooled across every manager that uses the same options.

use crate::config::{HttpOptions, Proxy};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The parts of [`HttpOptions`] that live in the client rather than in each request.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Transport {
    connect_timeout: std::time::Duration,
    proxy: Proxy,
    extra_root_certificates_pem: Vec<String>,
}

static CLIENTS: OnceLock<Mutex<HashMap<Transport, reqwest::Client>>> = OnceLock::new();

pub(crate) fn client_for(options: &HttpOptions) -> Result<reqwest::Client> {
    let transport = Transport {
        connect_timeout: options.connect_timeout,
        proxy: options.proxy.clone(),
        extra_root_certificates_pem: options.extra_root_certificates_pem.clone(),
    };
    let mut clients = CLIENTS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(client) = clients.get(&transport) {
        return Ok(client.clone());
    }
    let client = build(&transport)?;
    clients.insert(transport, client.clone());
    Ok(client)
}

fn build(transport: &Transport) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .https_only(false) // plain http is vetted per base URL: loopback only
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(transport.connect_timeout)
        .user_agent(concat!("vipps-auth/", env!("CARGO_PKG_VERSION")));
    builder = match &transport.proxy {
        Proxy::FromEnvironment => builder,
        Proxy::None => builder.no_proxy(),
        Proxy::Url(url) => builder.proxy(reqwest::Proxy::all(url).map_err(|e| Error::config("proxy", e.to_string()))?),
    };
    for pem in &transport.extra_root_certificates_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
            .map_err(|e| Error::config("extra_root_certificates_pem", e.to_string()))?;
        if certs.is_empty() {
            return Err(Error::config("extra_root_certificates_pem", "no certificate in PEM text"));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    builder.build().map_err(|e| Error::config("http", e.to_string()))
}
