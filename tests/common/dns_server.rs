//! An authoritative DNS server on 127.0.0.1 (hickory-server, in process) that serves the
//! records of a `[dns.records]` zone under a root SOA, so every other name is NXDOMAIN — as
//! static mode reads the same table.

use std::net::SocketAddr;
use std::sync::Arc;

use hickory_server::Server;
use hickory_server::proto::rr::rdata::{A, AAAA, MX, PTR, SOA, TXT};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};
use presend::dns::{Record as ZoneRecord, Zone};

/// A running server; it stops with the test process.
pub struct DnsServer {
    address: SocketAddr,
}

impl DnsServer {
    /// Where it listens (UDP).
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

fn name(text: &str) -> Name {
    Name::from_ascii(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// TXT character-strings are at most 255 bytes: longer values are split, as in a zone file.
fn txt(text: &str) -> TXT {
    let chunks: Vec<String> = text
        .as_bytes()
        .chunks(255)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    TXT::new(chunks)
}

/// Starts a server for `zone` on 127.0.0.1, port chosen by the system.
pub fn start(zone: &Zone) -> DnsServer {
    let mut handler: InMemoryZoneHandler =
        InMemoryZoneHandler::empty(Name::root(), ZoneType::Primary, AxfrPolicy::Deny);
    let soa = SOA::new(
        name("ns.test."),
        name("hostmaster.test."),
        1,
        3600,
        600,
        86400,
        60,
    );
    handler.upsert_mut(Record::from_rdata(Name::root(), 60, RData::SOA(soa)), 1);
    for (owner, records) in zone.iter() {
        let owner = name(owner);
        for record in records {
            let rdata = match record {
                ZoneRecord::Txt(text) => RData::TXT(txt(text)),
                ZoneRecord::Mx(preference, host) => RData::MX(MX::new(*preference, name(host))),
                ZoneRecord::A(ip) => RData::A(A(*ip)),
                ZoneRecord::Aaaa(ip) => RData::AAAA(AAAA(*ip)),
                ZoneRecord::Ptr(host) => RData::PTR(PTR(name(host))),
            };
            handler.upsert_mut(Record::from_rdata(owner.clone(), 60, rdata), 1);
        }
    }
    let mut catalog = Catalog::new();
    catalog.upsert(LowerName::from(Name::root()), vec![Arc::new(handler)]);

    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
            sender.send(socket.local_addr().unwrap()).unwrap();
            let mut server = Server::new(catalog);
            server.register_socket(socket);
            let _ = server.block_until_done().await;
        });
    });
    DnsServer {
        address: receiver.recv().unwrap(),
    }
}
