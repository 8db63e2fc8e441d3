//! The catchable signals that stop a running query: Ctrl-C (SIGINT), SIGTERM (`timeout`,
//! systemd, containers) and SIGHUP (a closed terminal). Each ends the query through the
//! ordinary error path, so the temporary output file is removed, and the process exits
//! with the conventional status 128 + the signal's number.

use std::fmt;

/// The query was stopped by a signal; nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interrupted {
    /// The signal's name, e.g. `SIGTERM`.
    pub(crate) name: &'static str,
    /// The signal's number, e.g. 15.
    pub(crate) number: u8,
}

impl Interrupted {
    /// The exit status a shell expects after this signal: 128 + its number.
    pub(crate) fn exit_status(self) -> u8 {
        128u8.saturating_add(self.number)
    }
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "interrupted by {}; no output was written", self.name)
    }
}

impl std::error::Error for Interrupted {}

/// Listeners for the catchable signals, installed before the output file is created.
pub(crate) struct Signals {
    #[cfg(unix)]
    listeners: Vec<(tokio::signal::unix::Signal, Interrupted)>,
}

impl Signals {
    /// Starts listening. From here on these signals no longer kill the process at once.
    pub(crate) fn listen() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                (SignalKind::interrupt(), "SIGINT", 2),
                (SignalKind::terminate(), "SIGTERM", 15),
                (SignalKind::hangup(), "SIGHUP", 1),
            ];
            let mut listeners = Vec::with_capacity(kinds.len());
            for (kind, name, number) in kinds {
                listeners.push((signal(kind)?, Interrupted { name, number }));
            }
            Ok(Self { listeners })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {})
        }
    }

    /// Resolves when the first of the signals arrives.
    pub(crate) async fn recv(&mut self) -> Interrupted {
        #[cfg(unix)]
        {
            let waits = self.listeners.iter_mut().map(|(listener, which)| {
                let which = *which;
                Box::pin(async move {
                    if listener.recv().await.is_none() {
                        std::future::pending::<()>().await;
                    }
                    which
                })
            });
            futures::future::select_all(waits).await.0
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Interrupted {
                name: "Ctrl-C",
                number: 2,
            }
        }
    }
}
