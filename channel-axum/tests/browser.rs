//! The admin UI's answer in a real browser: headless Chromium loads the return form's page,
//! rendered with hostile `name`, `metadata` and `state`, and its auto-submit posts to a TLS
//! server of the test (on 127.0.0.1) that records every request it gets. The form must hold
//! exactly the values given, and nothing else may run: each hostile value tries to load,
//! fetch or redirect the form to a URL of that server.
//!
//! `.ci/run` installs Debian's `chromium`; without it on the machine, the test says so and
//! passes without running.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use channel_axum::Answer;
use channel_model::{JsonText, ReturnForm, Validated};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto::ring, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// Every request the TLS server got: method, path and query, body.
type Requests = Arc<Mutex<Vec<(String, String, String)>>>;

#[tokio::test]
async fn the_return_form_posts_exactly_the_values_given_and_runs_no_other_script() {
    let Some(chromium) = which("chromium") else {
        eprintln!("SKIPPED: `chromium` is not installed (`apt-get install chromium`); .ci/run installs it");
        return;
    };
    let requests = Requests::default();
    let zendesk = serve_tls(requests.clone()).await;
    let trap = |what: &str| format!("{zendesk}/pwned-{what}");

    let name = format!(
        "\"><script>document.forms[0].action=\"{}\"</script><img src=\"{}\">'\" autofocus onfocus=\"fetch('{}')\"",
        trap("action"),
        trap("img"),
        trap("focus")
    );
    let metadata = format!(
        r#"{{"token":"t&amp;1</form><form action='{}'>","note":"a\r\nb\tc 📦 &#0; \u2028"}}"#,
        trap("form")
    );
    // Real line breaks and tabs: an HTML form submits every line break as CR LF, so the
    // value holds CR LF pairs, which must come back as they are.
    let state = format!(
        "</textarea></script><script>location='{}'</script>\r\n\t<!-- ]]> {{{{x}}}}\r\n",
        trap("location")
    );
    let return_url = format!("{zendesk}/finalize?instance=1&next=%2Fdone");
    let form = ReturnForm::new(name.clone(), return_url)
        .with_metadata(JsonText::new(metadata.clone()))
        .with_state(JsonText::new(state.clone()));
    let form = Validated::new(form).expect("hostile but valid values");
    let page = common::serve(Router::new().route(
        "/admin_ui",
        get(move || {
            let form = form.clone();
            async move { Answer::from(form) }
        }),
    ))
    .await;

    let dom = run_chromium(&chromium, &format!("{page}/admin_ui")).await;
    assert!(
        dom.contains("form received"),
        "the auto-submit did not run:\n{dom}"
    );

    let requests = requests.lock().unwrap().clone();
    assert_eq!(
        requests.len(),
        1,
        "only the form's post reaches the server: {requests:#?}"
    );
    let (method, target, body) = &requests[0];
    assert_eq!(
        (method.as_str(), target.as_str()),
        ("POST", "/finalize?instance=1&next=%2Fdone")
    );
    let fields: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let expected = [("name", name), ("metadata", metadata), ("state", state)];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(field, value)| (field.to_owned(), value))
        .collect();
    assert_eq!(fields, expected);
}

/// The path of `program` on the `PATH`, if it is there.
fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// The DOM Chromium ends on after loading `url`, its network quiet or 20 s gone.
async fn run_chromium(chromium: &std::path::Path, url: &str) -> String {
    let profile =
        std::env::temp_dir().join(format!("channel-axum-chromium-{}", std::process::id()));
    let run = tokio::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            // The test's TLS server has a self-signed certificate.
            "--ignore-certificate-errors",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("chromium ends within 60 s")
        .expect("chromium runs");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        output.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An https server on 127.0.0.1 that records every request and answers with a page that
/// says so; its base URL.
async fn serve_tls(requests: Requests) -> String {
    let certified = rcgen::generate_simple_self_signed(["127.0.0.1".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = tcp.local_addr().unwrap();
    let listener = TlsListener {
        tcp,
        acceptor: TlsAcceptor::from(Arc::new(config)),
    };
    let record = Router::new().fallback(record).with_state(requests);
    tokio::spawn(async move { axum::serve(listener, record).await });
    format!("https://{address}")
}

async fn record(State(requests): State<Requests>, request: Request) -> Html<&'static str> {
    let method = request.method().to_string();
    let target = request.uri().to_string();
    let body = axum::body::to_bytes(request.into_body(), 1024 * 1024)
        .await
        .unwrap_or_default();
    let body = String::from_utf8_lossy(&body).into_owned();
    requests.lock().unwrap().push((method, target, body));
    // An icon of its own, so that the browser asks for no `/favicon.ico`.
    Html("<!DOCTYPE html><link rel=\"icon\" href=\"data:,\"><p>form received</p>")
}

/// TCP connections of 127.0.0.1, through a TLS handshake.
struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, address)) = self.tcp.accept().await else {
                continue;
            };
            // A failed handshake (such as a probe) drops that connection only.
            if let Ok(stream) = self.acceptor.accept(stream).await {
                return (stream, address);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}
