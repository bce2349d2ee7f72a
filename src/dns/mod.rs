//! The DNS view of the auth rules (PS7xx): off, static answers from configuration, or a live
//! resolver. Both answering modes go through mail-auth, so DKIM, SPF and DMARC are evaluated by
//! the same code whichever way the answers come.

pub mod blocklist;
mod cache;
pub mod records;

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use mail_auth::common::parse::TxtRecordParser;
use mail_auth::common::resolver::UnwrapTxtRecord;
use mail_auth::hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use mail_auth::spf::verify::SpfParameters;
use mail_auth::{
    AuthenticatedMessage, DkimOutput, DnsError, Error, MessageAuthenticator, SpfOutput, Txt,
};

pub use cache::Caches;
pub use records::{Record, Zone, fqdn, reverse_name};

/// Where DNS answers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DnsMode {
    /// No DNS: the rules that need it do not run and nothing touches the network.
    #[default]
    Off,
    /// Answers from `[dns.records]` only; a name not listed does not exist.
    Static,
    /// A real resolver (the configured nameservers, else the system's), cached per run.
    Live,
}

impl DnsMode {
    /// Parses `off`, `static` or `live`.
    pub fn parse(text: &str) -> Option<DnsMode> {
        match text.trim() {
            "off" => Some(DnsMode::Off),
            "static" => Some(DnsMode::Static),
            "live" => Some(DnsMode::Live),
            _ => None,
        }
    }
}

/// The `[dns]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsSettings {
    /// Where answers come from.
    pub mode: DnsMode,
    /// Static answers (`[dns.records]`).
    pub records: Zone,
    /// Nameservers of live mode (`"127.0.0.1:5353"`); empty means the system's resolv.conf.
    pub nameservers: Vec<SocketAddr>,
    /// Timeout of one live query.
    pub timeout: Duration,
    /// DNS blocklist zones queried for the sending IPs (`zen.spamhaus.org`).
    pub ip_blocklists: Vec<String>,
    /// Domain blocklist zones queried for linked domains (`dbl.spamhaus.org`).
    pub domain_blocklists: Vec<String>,
}

impl Default for DnsSettings {
    fn default() -> Self {
        DnsSettings {
            mode: DnsMode::Off,
            records: Zone::default(),
            nameservers: Vec::new(),
            timeout: Duration::from_secs(3),
            ip_blocklists: Vec::new(),
            domain_blocklists: Vec::new(),
        }
    }
}

/// The answer to one lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    /// The name has records of this type.
    Found(T),
    /// NXDOMAIN, or the name has no record of this type (or none that parses).
    Missing,
    /// The question could not be answered (timeout, SERVFAIL, no resolver): rules stay quiet
    /// rather than guess.
    Failed(String),
}

impl<T> Lookup<T> {
    /// Whether the answer is [`Lookup::Missing`].
    pub fn is_missing(&self) -> bool {
        matches!(self, Lookup::Missing)
    }
}

fn lookup_of<T>(result: Result<T, Error>) -> Lookup<T> {
    match result {
        Ok(value) => Lookup::Found(value),
        Err(Error::Dns(DnsError::RecordNotFound(_) | DnsError::InvalidRecordType)) => {
            Lookup::Missing
        }
        // A record that exists but does not parse is, for the sender, no record at all.
        Err(Error::ParseError | Error::Dkim(_) | Error::Base64) => Lookup::Missing,
        Err(e) => Lookup::Failed(e.to_string()),
    }
}

/// A resolver for the auth rules, shared by every check of a run (answers are cached).
pub struct Dns {
    settings: DnsSettings,
    /// Questions that got no answer (timeout, SERVFAIL, no resolver) in this run.
    failures: std::sync::atomic::AtomicUsize,
    last_failure: std::sync::Mutex<Option<String>>,
    caches: Caches,
    authenticator: OnceLock<Result<MessageAuthenticator, String>>,
    runtime: Option<OnceLock<Result<tokio::runtime::Runtime, String>>>,
}

impl std::fmt::Debug for Dns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dns")
            .field("mode", &self.settings.mode)
            .finish_non_exhaustive()
    }
}

impl Drop for Dns {
    fn drop(&mut self) {
        // A runtime dropped inside another runtime (an async lettre transport) would panic;
        // shutting it down in the background never does.
        if let Some(Some(Ok(runtime))) = self.runtime.take().map(|r| r.into_inner()) {
            runtime.shutdown_background();
        }
    }
}

impl Dns {
    /// The resolver for `settings`, `None` when DNS is off. Nothing is opened here: a live
    /// resolver and its runtime start on the first query.
    pub fn new(settings: &DnsSettings) -> Option<Dns> {
        let caches = match settings.mode {
            DnsMode::Off => return None,
            DnsMode::Static => Caches::fixed(&settings.records),
            DnsMode::Live => Caches::live(),
        };
        Some(Dns {
            settings: settings.clone(),
            failures: std::sync::atomic::AtomicUsize::new(0),
            last_failure: std::sync::Mutex::new(None),
            caches,
            authenticator: OnceLock::new(),
            runtime: (settings.mode == DnsMode::Live).then(OnceLock::new),
        })
    }

    /// The settings this resolver was built from.
    pub fn settings(&self) -> &DnsSettings {
        &self.settings
    }

    fn authenticator(&self) -> Result<&MessageAuthenticator, String> {
        self.authenticator
            .get_or_init(|| {
                let mut options = ResolverOpts::default();
                options.timeout = self.settings.timeout;
                options.attempts = 1;
                let config = match self.settings.mode {
                    // Static mode never reaches the resolver (the caches answer every name);
                    // it has no nameserver, so it could not send a packet if it did.
                    DnsMode::Static | DnsMode::Off => ResolverConfig::from_name_servers(vec![]),
                    DnsMode::Live if self.settings.nameservers.is_empty() => {
                        return MessageAuthenticator::new_system_conf()
                            .map_err(|e| format!("system resolver: {e}"));
                    }
                    DnsMode::Live => ResolverConfig::from_name_servers(
                        self.settings
                            .nameservers
                            .iter()
                            .map(|address| {
                                let mut server = NameServerConfig::udp_and_tcp(address.ip());
                                for connection in &mut server.connections {
                                    connection.port = address.port();
                                }
                                server
                            })
                            .collect(),
                    ),
                };
                MessageAuthenticator::new(config, options).map_err(|e| format!("resolver: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Runs `future` to completion: polled in place in static mode (every answer is in the
    /// caches, so it never waits), on the run's runtime in live mode.
    fn block_on<F>(&self, future: F) -> Result<F::Output, String>
    where
        F: Future + Send,
        F::Output: Send,
    {
        let Some(runtime) = &self.runtime else {
            return poll_ready(future);
        };
        let runtime = runtime
            .get_or_init(|| {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .thread_name("presend-dns")
                    .enable_all()
                    .build()
                    .map_err(|e| format!("DNS runtime: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)?;
        // The whole question gets a few query timeouts, however many names it asks.
        let limit = self.settings.timeout.saturating_mul(4);
        let bounded = async move {
            tokio::time::timeout(limit, future)
                .await
                .map_err(|_| format!("DNS did not answer within {limit:?}"))
        };
        if tokio::runtime::Handle::try_current().is_ok() {
            // Called from async code (an async lettre transport): block on another thread.
            std::thread::scope(|scope| {
                scope
                    .spawn(|| runtime.block_on(bounded))
                    .join()
                    .unwrap_or_else(|_| Err("DNS query panicked".into()))
            })
        } else {
            runtime.block_on(bounded)
        }
    }

    fn run<'s, F, T>(
        &'s self,
        make: impl FnOnce(&'s MessageAuthenticator) -> F,
    ) -> Result<T, String>
    where
        F: Future<Output = T> + Send,
        T: Send,
    {
        self.authenticator()
            .and_then(|authenticator| self.block_on(make(authenticator)))
    }

    fn failed(&self, error: &str) {
        self.failures
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut last) = self.last_failure.lock() {
            *last = Some(error.to_string());
        }
    }

    /// How many DNS questions went unanswered so far in this run, and the last error: the
    /// rules that needed those answers stayed quiet, which the caller should say.
    pub fn failures(&self) -> (usize, Option<String>) {
        let last = self.last_failure.lock().ok().and_then(|l| l.clone());
        (
            self.failures.load(std::sync::atomic::Ordering::Relaxed),
            last,
        )
    }

    /// The TXT record at `name` parsed as `T` (SPF, DMARC or a DKIM key).
    pub fn txt<T>(&self, name: &str) -> Lookup<Arc<T>>
    where
        T: TxtRecordParser + Into<Txt> + UnwrapTxtRecord + Send + Sync,
    {
        let name = fqdn(name);
        self.ask(|a| a.txt_lookup::<T>(name, Some(&self.caches.txt)))
    }

    /// The raw TXT strings at `name`.
    pub fn txt_strings(&self, name: &str) -> Lookup<Vec<String>> {
        if self.settings.mode == DnsMode::Static {
            let texts = self.settings.records.txt(name);
            return if texts.is_empty() {
                Lookup::Missing
            } else {
                Lookup::Found(texts)
            };
        }
        let name = fqdn(name);
        self.ask(|a| a.txt_raw_lookup(name))
            .map_found(|bytes| vec![String::from_utf8_lossy(&bytes).into_owned()])
    }

    /// The MX records at `name` as (preference, exchange), lowest preference first.
    pub fn mx(&self, name: &str) -> Lookup<Vec<(u16, String)>> {
        let name = fqdn(name);
        let answer = self.ask(|a| a.mx_lookup(name, Some(&self.caches.mx)));
        non_empty(answer.map_found(|set| {
            set.rrset
                .iter()
                .flat_map(|mx| mx.exchanges.iter().map(|e| (mx.preference, e.to_string())))
                .collect()
        }))
    }

    /// The A records at `name`.
    pub fn ipv4(&self, name: &str) -> Lookup<Vec<Ipv4Addr>> {
        let name = fqdn(name);
        let answer = self.ask(|a| a.ipv4_lookup(name, Some(&self.caches.ipv4)));
        non_empty(answer.map_found(|set| set.rrset.to_vec()))
    }

    /// The AAAA records at `name`.
    pub fn ipv6(&self, name: &str) -> Lookup<Vec<Ipv6Addr>> {
        let name = fqdn(name);
        let answer = self.ask(|a| a.ipv6_lookup(name, Some(&self.caches.ipv6)));
        non_empty(answer.map_found(|set| set.rrset.to_vec()))
    }

    /// The PTR names of `ip`.
    pub fn ptr(&self, ip: IpAddr) -> Lookup<Vec<String>> {
        let answer = self.ask(|a| a.ptr_lookup(ip, Some(&self.caches.ptr)));
        non_empty(answer.map_found(|set| set.rrset.iter().map(|n| n.to_string()).collect()))
    }

    /// Runs one lookup and reads its answer; a failure is counted.
    fn ask<'s, F, T>(&'s self, make: impl FnOnce(&'s MessageAuthenticator) -> F) -> Lookup<T>
    where
        F: Future<Output = mail_auth::Result<T>> + Send,
        T: Send,
    {
        let answer = self.run(make).map_or_else(Lookup::Failed, lookup_of);
        self.note(answer)
    }

    /// Verifies every DKIM signature of `message` (mail-auth `verify_dkim`).
    pub fn verify_dkim<'m>(
        &'m self,
        message: &'m AuthenticatedMessage<'m>,
    ) -> Result<Vec<DkimOutput<'m>>, String> {
        self.run(|a| a.verify_dkim(self.caches.parameters(message)))
            .inspect_err(|e| self.failed(e))
    }

    /// Evaluates SPF for mail from `sender` (an address or a domain) sent by `ip`
    /// (mail-auth `verify_spf`, RFC 7208 `check_host`).
    pub fn verify_spf(&self, ip: IpAddr, sender: &str) -> Result<SpfOutput, String> {
        let domain = sender.rsplit_once('@').map_or(sender, |(_, d)| d);
        let sender = if sender.contains('@') {
            sender.to_string()
        } else {
            format!("postmaster@{sender}")
        };
        let params = SpfParameters::verify_mail_from(ip, domain, "presend", &sender);
        self.run(|a| a.verify_spf(self.caches.parameters(params)))
            .inspect_err(|e| self.failed(e))
    }

    /// Counts an answer that is a DNS error.
    fn note<T>(&self, answer: Lookup<T>) -> Lookup<T> {
        if let Lookup::Failed(e) = &answer {
            self.failed(e);
        }
        answer
    }

    /// Whether `name` can receive mail or at least exists as a host: its MX records (a null
    /// MX, RFC 7505, counts as "accepts no mail"), else its A/AAAA records.
    pub fn mail_domain(&self, name: &str) -> Lookup<MailDomain> {
        match self.mx(name) {
            Lookup::Found(mx) => {
                let null =
                    mx.len() == 1 && mx.iter().all(|(_, host)| host == "." || host.is_empty());
                Lookup::Found(if null {
                    MailDomain::NullMx
                } else {
                    MailDomain::Mx
                })
            }
            Lookup::Failed(e) => Lookup::Failed(e),
            Lookup::Missing => match (self.ipv4(name), self.ipv6(name)) {
                (Lookup::Found(_), _) | (_, Lookup::Found(_)) => Lookup::Found(MailDomain::Address),
                (Lookup::Failed(e), _) | (_, Lookup::Failed(e)) => Lookup::Failed(e),
                _ => Lookup::Missing,
            },
        }
    }
}

/// How a domain receives mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailDomain {
    /// It has MX records.
    Mx,
    /// It has no MX but an A/AAAA record (the implicit MX of RFC 5321 §5.1).
    Address,
    /// `MX 0 .`: it accepts no mail (RFC 7505).
    NullMx,
}

impl<T> Lookup<T> {
    fn map_found<U>(self, f: impl FnOnce(T) -> U) -> Lookup<U> {
        match self {
            Lookup::Found(v) => Lookup::Found(f(v)),
            Lookup::Missing => Lookup::Missing,
            Lookup::Failed(e) => Lookup::Failed(e),
        }
    }
}

fn non_empty<T>(answer: Lookup<Vec<T>>) -> Lookup<Vec<T>> {
    match answer {
        Lookup::Found(v) if v.is_empty() => Lookup::Missing,
        other => other,
    }
}

/// Polls a future that needs no I/O until it is ready. Static answers come from the caches, so
/// mail-auth's futures complete without waiting; one that keeps waiting is an error, not a hang.
fn poll_ready<F: Future>(future: F) -> Result<F::Output, String> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    for _ in 0..1_000 {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Ok(output);
        }
    }
    Err("a static DNS answer was not ready (the lookup needed the network)".into())
}
