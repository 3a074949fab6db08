//! Framed JSON-RPC over a byte stream. tower-lsp's own transport stops reading at the first
//! malformed message, which would end the server; this one answers it with a JSON-RPC error
//! and reads on. Notifications are handled one after another, in the order they came (a
//! `didChange` must never overtake the one before); requests run concurrently.

use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::{Error, Id, Request, Response};
use tower_lsp::lsp_types::notification::Notification;
use tower_lsp::{ClientSocket, LanguageServer, LspService};

/// Larger bodies are refused (and skipped) rather than allocated.
const MAX_BODY: usize = 256 * 1024 * 1024;
/// Longer header lines are cut: headers are a few dozen bytes.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// What arrived in one frame.
enum Incoming {
    Request(Request),
    Response(Response),
    Invalid(Response),
}

/// The channel of the bodies to write to the client, in order.
pub struct Channel {
    sender: mpsc::UnboundedSender<String>,
    bodies: mpsc::UnboundedReceiver<String>,
}

impl Channel {
    pub fn new() -> Channel {
        let (sender, bodies) = mpsc::unbounded_channel();
        Channel { sender, bodies }
    }

    /// A handle the server sends its notifications through. It does not keep the channel
    /// open: once [`serve`] returns, what is sent through it is dropped.
    pub fn outbox(&self) -> Outbox {
        Outbox(self.sender.downgrade())
    }
}

/// Sends notifications to the client without going through tower-lsp's `Client`, which turns
/// every message into a `serde_json::Value` before it is written: diagnostics are serialised
/// once, straight into the frame's body.
#[derive(Clone)]
pub struct Outbox(mpsc::WeakUnboundedSender<String>);

impl Outbox {
    pub fn notify<N: Notification>(&self, params: &N::Params) {
        #[derive(Serialize)]
        struct Body<'a, P> {
            jsonrpc: &'static str,
            method: &'static str,
            params: &'a P,
        }
        let body = Body {
            jsonrpc: "2.0",
            method: N::METHOD,
            params,
        };
        if let (Some(sender), Ok(body)) = (self.0.upgrade(), serde_json::to_string(&body)) {
            let _ = sender.send(body);
        }
    }
}

/// Serves `service` until the client sends `exit` or closes `input`, writing what the server
/// sends and the `channel` carries.
pub async fn serve<S, I, O>(
    input: I,
    output: O,
    mut service: LspService<S>,
    socket: ClientSocket,
    channel: Channel,
) where
    S: LanguageServer,
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let Channel {
        sender: outgoing,
        bodies,
    } = channel;
    let writer = tokio::spawn(write_frames(output, bodies));
    let (mut server_requests, mut client_responses) = socket.split();
    let forward = tokio::spawn({
        let outgoing = outgoing.clone();
        async move {
            while let Some(request) = server_requests.next().await {
                send(&outgoing, &request);
            }
        }
    });
    let mut reader = BufReader::new(input);
    while let Some(frame) = read_frame(&mut reader).await {
        let request = match frame.map(|body| classify(&body)) {
            Ok(Incoming::Request(request)) => request,
            Ok(Incoming::Response(response)) => {
                let _ = client_responses.send(response).await;
                continue;
            }
            Ok(Incoming::Invalid(answer)) | Err(answer) => {
                send(&outgoing, &answer);
                continue;
            }
        };
        if service.ready().await.is_err() {
            break;
        }
        let exit = request.method() == "exit";
        let is_notification = request.id().is_none();
        let answer = service.call(request);
        if exit {
            let _ = answer.await;
            break;
        }
        let outgoing = outgoing.clone();
        let reply = async move {
            if let Ok(Some(response)) = answer.await {
                send(&outgoing, &response);
            }
        };
        if is_notification {
            reply.await;
        } else {
            tokio::spawn(reply);
        }
    }
    forward.abort();
    drop(outgoing);
    let _ = writer.await;
}

fn send(outgoing: &mpsc::UnboundedSender<String>, message: &impl serde::Serialize) {
    if let Ok(body) = serde_json::to_string(message) {
        let _ = outgoing.send(body);
    }
}

async fn write_frames<O: AsyncWrite + Unpin>(
    mut output: O,
    mut bodies: mpsc::UnboundedReceiver<String>,
) {
    while let Some(body) = bodies.recv().await {
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        if output.write_all(frame.as_bytes()).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// The next frame's body; `Err` carries the error answer for a frame that cannot be read,
/// `None` means the input ended.
async fn read_frame<I: AsyncRead + Unpin>(
    reader: &mut BufReader<I>,
) -> Option<Result<Vec<u8>, Response>> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = (&mut *reader)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .await
            .ok()?;
        if read == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Some(Err(parse_error()));
    };
    if length > MAX_BODY {
        let skipped = tokio::io::copy(
            &mut (&mut *reader).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await;
        return skipped.ok().map(|_| Err(parse_error()));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    Some(Ok(body))
}

fn parse_error() -> Response {
    Response::from_error(Id::Null, Error::parse_error())
}

fn classify(body: &[u8]) -> Incoming {
    let Ok(mut value) = serde_json::from_slice::<Value>(body) else {
        return Incoming::Invalid(parse_error());
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok())
        .unwrap_or(Id::Null);
    let invalid = || Incoming::Invalid(Response::from_error(id.clone(), Error::invalid_request()));
    if value.get("method").is_some() {
        // Some clients send `"params": null` for `shutdown` and `exit`, which tower-lsp refuses.
        if let Some(object) = value.as_object_mut() {
            if object.get("params") == Some(&Value::Null) {
                object.remove("params");
            }
        }
        serde_json::from_value(value).map_or_else(|_| invalid(), Incoming::Request)
    } else {
        serde_json::from_value(value).map_or_else(|_| invalid(), Incoming::Response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::notification::PublishDiagnostics;
    use tower_lsp::lsp_types::{PublishDiagnosticsParams, Url};

    #[test]
    fn the_outbox_writes_a_notification_while_the_channel_is_served() {
        let params =
            PublishDiagnosticsParams::new(Url::parse("file:///a.md").unwrap(), Vec::new(), Some(3));
        let Channel { sender, mut bodies } = Channel::new();
        let outbox = Outbox(sender.downgrade());
        outbox.notify::<PublishDiagnostics>(&params);
        let body: Value = serde_json::from_str(&bodies.try_recv().unwrap()).unwrap();
        let expected = serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": {"uri": "file:///a.md", "diagnostics": [], "version": 3},
        });
        assert_eq!(body, expected);
        drop(sender);
        outbox.notify::<PublishDiagnostics>(&params);
        assert!(bodies.try_recv().is_err());
    }
}
