//! A minimal synchronous WebSocket client (RFC 6455), enough for the DevTools protocol
//! on the loopback interface: text frames out (masked, as a client must), text frames
//! in (unmasked, possibly fragmented), pings answered.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// The writing half of a connection.
pub struct Sender {
    stream: TcpStream,
    mask: u32,
}

/// The reading half of a connection.
pub struct Receiver {
    reader: BufReader<TcpStream>,
    /// Where pongs are written.
    pong: TcpStream,
}

/// Opens `ws://host:port/path` and returns its two halves.
pub fn connect(url: &str) -> std::io::Result<(Sender, Receiver)> {
    let rest = url
        .strip_prefix("ws://")
        .ok_or_else(|| std::io::Error::other(format!("not a ws:// URL: {url}")))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut stream = TcpStream::connect(host)?;
    stream.set_nodelay(true)?;
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: Zmxvd2xvZy1icm93c2VyLQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut status = String::new();
    reader.read_line(&mut status)?;
    if !status.contains(" 101 ") {
        return Err(std::io::Error::other(format!(
            "the WebSocket handshake was refused: {}",
            status.trim()
        )));
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let pong = stream.try_clone()?;
    Ok((
        Sender {
            stream,
            mask: 0x5a17_c3e1,
        },
        Receiver { reader, pong },
    ))
}

fn write_frame(
    stream: &mut TcpStream,
    mask: u32,
    opcode: u8,
    payload: &[u8],
) -> std::io::Result<()> {
    let mut frame = Vec::with_capacity(payload.len() + 14);
    frame.push(0x80 | opcode);
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n <= 0xffff => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    let key = mask.to_be_bytes();
    frame.extend_from_slice(&key);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    stream.write_all(&frame)
}

impl Sender {
    /// Sends one text message.
    pub fn send(&mut self, text: &str) -> std::io::Result<()> {
        self.mask = self.mask.rotate_left(7) ^ 0x9e37_79b9;
        write_frame(&mut self.stream, self.mask, 0x1, text.as_bytes())
    }
}

impl Receiver {
    /// The next text message (fragments joined); an error when the connection closes.
    pub fn recv(&mut self) -> std::io::Result<String> {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.reader.read_exact(&mut head)?;
            let fin = head[0] & 0x80 != 0;
            let opcode = head[0] & 0x0f;
            let masked = head[1] & 0x80 != 0;
            let len = match head[1] & 0x7f {
                126 => {
                    let mut b = [0u8; 2];
                    self.reader.read_exact(&mut b)?;
                    u64::from(u16::from_be_bytes(b))
                }
                127 => {
                    let mut b = [0u8; 8];
                    self.reader.read_exact(&mut b)?;
                    u64::from_be_bytes(b)
                }
                n => u64::from(n),
            };
            let mut key = [0u8; 4];
            if masked {
                self.reader.read_exact(&mut key)?;
            }
            let mut payload = vec![0u8; len as usize];
            self.reader.read_exact(&mut payload)?;
            if masked {
                for (i, b) in payload.iter_mut().enumerate() {
                    *b ^= key[i % 4];
                }
            }
            match opcode {
                0x0..=0x2 => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return String::from_utf8(message).map_err(std::io::Error::other);
                    }
                }
                0x8 => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "the browser closed the DevTools connection",
                    ));
                }
                0x9 => write_frame(&mut self.pong, 0x1234_5678, 0xA, &payload)?,
                _ => {}
            }
        }
    }
}
