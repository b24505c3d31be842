//! A real `redis-server` (Debian's package; `scripts/test.sh` installs it when missing) on a
//! free loopback port, stopped when dropped.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    pub port: u16,
    process: Child,
}

impl RedisServer {
    pub fn start() -> RedisServer {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let server = RedisServer { port, process: spawn(port) };
        server.wait_until_it_answers();
        server
    }

    /// Stops the server as a crash or a restart would; its data is gone.
    pub fn stop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }

    /// Starts it again, empty, on the same port.
    pub fn start_again(&mut self) {
        self.process = spawn(self.port);
        self.wait_until_it_answers();
    }

    fn wait_until_it_answers(&self) {
        let began = Instant::now();
        while self.connection().is_err() {
            assert!(began.elapsed() < Duration::from_secs(10), "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    pub fn connection(&self) -> redis::RedisResult<redis::Connection> {
        redis::Client::open(self.url())?.get_connection()
    }

    /// The keys under `pattern` and their raw values.
    pub fn entries(&self, pattern: &str) -> Vec<(String, Vec<u8>)> {
        let mut connection = self.connection().unwrap();
        let keys: Vec<String> = redis::cmd("KEYS").arg(pattern).query(&mut connection).unwrap();
        keys.into_iter()
            .map(|key| {
                let value: Vec<u8> = redis::cmd("GET").arg(&key).query(&mut connection).unwrap();
                (key, value)
            })
            .collect()
    }

    pub fn set_for(&self, key: &str, value: &[u8], millis: u64) {
        let mut connection = self.connection().unwrap();
        redis::cmd("SET").arg(key).arg(value).arg("PX").arg(millis).query::<()>(&mut connection).unwrap();
    }

    pub fn delete(&self, key: &str) {
        let mut connection = self.connection().unwrap();
        redis::cmd("DEL").arg(key).query::<()>(&mut connection).unwrap();
    }

    pub fn set(&self, key: &str, value: &[u8]) {
        let mut connection = self.connection().unwrap();
        redis::cmd("SET").arg(key).arg(value).query::<()>(&mut connection).unwrap();
    }
}

fn spawn(port: u16) -> Child {
    Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server runs (scripts/test.sh installs Debian's redis-server)")
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
