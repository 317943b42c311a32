//! When to try again, how long to wait, and how waits happen.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How hard the client tries before it gives up.
///
/// Each request is sent at most [`max_attempts`](Self::max_attempts) times: after a 429 or
/// 503 the client waits as `Retry-After` asks (in seconds or as an HTTP date), after another
/// 5xx status or a connection failure it backs off exponentially with jitter, from
/// [`min_delay`](Self::min_delay) up to [`max_delay`](Self::max_delay). A call (a push with
/// its re-pushes included) gives up when its next wait would take it past
/// [`max_elapsed`](Self::max_elapsed). 401 and 403, and other 4xx statuses, are never retried.
///
/// A push re-sends `halted` resources, and `processing_error` resources at most
/// [`processing_error_retries`](Self::processing_error_retries) times each, in at most
/// [`max_pushes`](Self::max_pushes) requests in all.
///
/// ```
/// use std::time::Duration;
/// use channel_client::RetryPolicy;
///
/// let mut policy = RetryPolicy::default();
/// policy.max_attempts = 3;
/// policy.max_elapsed = Duration::from_secs(10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// The most times one request is sent, the first included (at least 1). Default: 5.
    pub max_attempts: u32,
    /// The most time one call spends, waits included. Default: 2 minutes.
    ///
    /// It bounds each attempt too: an attempt may take no longer than the time left (nor than
    /// the client's [`timeout`](crate::ClientBuilder::timeout)). It must be more than zero,
    /// which would leave no time for the first request:
    /// [`ClientBuilder::build`](crate::ClientBuilder::build) refuses a zero `max_elapsed`
    /// ([`BuildError::ZeroMaxElapsed`](crate::BuildError::ZeroMaxElapsed)). For no retry at
    /// all, use [`RetryPolicy::never`]; for no limit in time, `Duration::MAX`.
    pub max_elapsed: Duration,
    /// The first backoff delay. Default: 500 ms.
    pub min_delay: Duration,
    /// The longest backoff delay. Default: 30 s.
    pub max_delay: Duration,
    /// How many times a resource answered `processing_error` is pushed again. Default: 2.
    pub processing_error_retries: u32,
    /// The most push requests one [`push`](crate::Client::push) sends, the first included
    /// (at least 1). Default: 8.
    pub max_pushes: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_elapsed: Duration::from_secs(120),
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            processing_error_retries: 2,
            max_pushes: 8,
        }
    }
}

impl RetryPolicy {
    /// A policy that sends each request once and pushes once: no retry at all.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            processing_error_retries: 0,
            max_pushes: 1,
            ..RetryPolicy::default()
        }
    }

    /// The backoff delays of one request's retries.
    pub(crate) fn backoff(&self) -> ExponentialBackoff {
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_jitter()
            .without_max_times()
            .build()
    }
}

/// How the client waits between attempts. The default, [`TokioSleeper`], waits with tokio's
/// timer; another one can record the waits, or skip them in tests.
pub trait Sleeper: fmt::Debug + Send + Sync + 'static {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>>;
}

/// Waits with [`tokio::time::sleep`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// The time one call has spent, against [`RetryPolicy::max_elapsed`].
///
/// Waits count for what they asked, not for what the sleeper took, so a sleeper that skips
/// waits (in tests) still meets the same limit as a real one.
#[derive(Debug)]
pub(crate) struct Budget {
    started: Instant,
    max: Duration,
    asked: Duration,
    slept: Duration,
}

impl Budget {
    pub(crate) fn new(max: Duration) -> Self {
        Budget {
            started: Instant::now(),
            max,
            asked: Duration::ZERO,
            slept: Duration::ZERO,
        }
    }

    fn spent(&self) -> Duration {
        // Saturating: a huge `Retry-After` under a `Duration::MAX` limit must not panic.
        self.started
            .elapsed()
            .saturating_sub(self.slept)
            .saturating_add(self.asked)
    }

    /// The time left.
    pub(crate) fn remaining(&self) -> Duration {
        self.max.saturating_sub(self.spent())
    }

    /// Whether a wait of `wait` still leaves time for a request.
    pub(crate) fn allows(&self, wait: Duration) -> bool {
        wait < self.remaining()
    }

    /// Waits `wait` with `sleeper`.
    pub(crate) async fn wait(&mut self, sleeper: &dyn Sleeper, wait: Duration) {
        let before = Instant::now();
        sleeper.sleep(wait).await;
        self.slept = self.slept.saturating_add(before.elapsed());
        self.asked = self.asked.saturating_add(wait);
    }
}

/// The wait a `Retry-After` header asks for, at `now`: a number of seconds, or an HTTP date
/// (a date in the past asks for no wait). `None` without the header or when it is neither.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn after(value: &str, now: SystemTime) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        retry_after(&headers, now)
    }

    #[test]
    fn retry_after_in_seconds() {
        let now = SystemTime::now();
        assert_eq!(after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(after("0", now), Some(Duration::ZERO));
        assert_eq!(after("-1", now), None);
        assert_eq!(after("1.5", now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_as_an_http_date() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(after("tomorrow", now), None);
    }

    #[test]
    fn waits_count_what_they_asked() {
        #[derive(Debug)]
        struct Skip;
        impl Sleeper for Skip {
            fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
                Box::pin(std::future::ready(()))
            }
        }
        let mut budget = Budget::new(Duration::from_secs(10));
        assert!(budget.allows(Duration::from_secs(9)));
        block_on(budget.wait(&Skip, Duration::from_secs(9)));
        assert!(!budget.allows(Duration::from_secs(1)));
        assert!(budget.remaining() <= Duration::from_secs(1));
    }

    fn block_on(future: impl Future<Output = ()>) {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future);
    }
}
