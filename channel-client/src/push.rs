//! Pushing resources: one request, the re-pushes its results ask for, and pushes of any size.

use channel_model::{PushReport, PushRequest, PushResponse, PushResult, StatusCode, Validated};
use tracing::Instrument;

use crate::client::{Endpoint, Expect};
use crate::error::Error;
use crate::retry::Budget;
use crate::Client;

impl Client {
    /// Pushes the resources: `POST /api/v2/any_channel/push`, then pushes again those whose
    /// results ask for it, and returns every resource paired with its last result.
    ///
    /// - `success` and `already_imported` are done.
    /// - `halted` resources were never processed (an earlier one failed): they are pushed
    ///   again.
    /// - `processing_error` resources are pushed again at most
    ///   [`processing_error_retries`](crate::RetryPolicy::processing_error_retries) times each.
    /// - `could_not_locate_parent_external_resource` and codes this library does not know are
    ///   reported as they are.
    ///
    /// Re-pushes send only those resources, in their order, without `request_id`, in at most
    /// [`max_pushes`](crate::RetryPolicy::max_pushes) requests in all and within
    /// [`max_elapsed`](crate::RetryPolicy::max_elapsed); resources still `halted` or
    /// `processing_error` when they run out keep that status in the report
    /// ([`Outcome::Retry`](channel_model::Outcome::Retry)). A re-push that fails also ends the
    /// re-pushes, with the same report.
    ///
    /// # Errors
    ///
    /// When the first request fails ([`Error`]), its answer does not decode as a push
    /// response ([`Error::Decode`]), or its answer's results do not pair with the resources
    /// ([`Error::Mismatch`]).
    pub async fn push<'a>(
        &self,
        request: &'a Validated<PushRequest>,
    ) -> Result<PushReport<'a>, Error> {
        let resources = request.external_resources.len();
        let span = tracing::info_span!("zendesk_push", resources);
        let results = self.push_rounds(request).instrument(span).await?;
        PushReport::from_results(request, results).map_err(Error::Mismatch)
    }

    /// Pushes `parts` one after the other, such as the parts of
    /// [`PushRequest::split_validated`]: the report of each part, in order, up to the first
    /// part that fails; the parts after it are not sent.
    ///
    /// ```no_run
    /// use channel_client::Client;
    /// use channel_model::{Outcome, PushRequest};
    ///
    /// # async fn run(client: Client, push: PushRequest) -> Result<(), Box<dyn std::error::Error>> {
    /// let parts = push.split_validated()?;
    /// for report in client.push_all(&parts).await {
    ///     let report = report?;
    ///     for (resource, result) in report.with_outcome(Outcome::Failed) {
    ///         eprintln!("{}: {}", resource.external_id, result.status.code);
    ///     }
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn push_all<'a>(
        &self,
        parts: &'a [Validated<PushRequest>],
    ) -> Vec<Result<PushReport<'a>, Error>> {
        let mut reports = Vec::with_capacity(parts.len());
        for part in parts {
            let report = self.push(part).await;
            let failed = report.is_err();
            reports.push(report);
            if failed {
                break;
            }
        }
        reports
    }

    /// The last result of each resource of `request`, in its order.
    async fn push_rounds(
        &self,
        request: &Validated<PushRequest>,
    ) -> Result<Vec<PushResult>, Error> {
        let mut budget = Budget::new(self.retry.max_elapsed);
        let first = self.push_once(request, &mut budget).await?;
        let mut results: Vec<PushResult> = first;
        // The indices (in `request`) of the resources of the last request.
        let mut sent: Vec<usize> = (0..results.len()).collect();
        let mut processing_errors = vec![0u32; results.len()];
        let mut backoff = self.retry.backoff();
        for pushes in 2..=self.retry.max_pushes {
            let mut again = vec![false; results.len()];
            let mut failed = false;
            for &index in &sent {
                again[index] = match results[index].status.code {
                    StatusCode::Halted => true,
                    StatusCode::ProcessingError => {
                        failed = true;
                        processing_errors[index] += 1;
                        processing_errors[index] <= self.retry.processing_error_retries
                    }
                    _ => false,
                };
            }
            let Some(retry) = request.select(|index, _| again[index]) else {
                break;
            };
            // With no time left, a re-push could not be sent in time.
            if budget.remaining().is_zero() {
                break;
            }
            // `halted` resources were not processed: they go again at once. After a
            // processing error, Zendesk gets the backoff's time to recover.
            if failed {
                match backoff.next().filter(|wait| budget.allows(*wait)) {
                    Some(wait) => budget.wait(&*self.sleeper, wait).await,
                    None => break,
                }
            }
            tracing::info!(
                push = pushes,
                resources = retry.external_resources.len(),
                "pushing again"
            );
            let answer = match self.push_once(&retry, &mut budget).await {
                Ok(answer) => answer,
                Err(error) => {
                    tracing::warn!(%error, "pushing again failed; the last results stand");
                    break;
                }
            };
            sent = (0..again.len()).filter(|&index| again[index]).collect();
            for (&index, result) in sent.iter().zip(answer) {
                results[index] = result;
            }
        }
        Ok(results)
    }

    /// One push request, with its HTTP retries: its results, checked to pair with its
    /// resources.
    async fn push_once(
        &self,
        request: &Validated<PushRequest>,
        budget: &mut Budget,
    ) -> Result<Vec<PushResult>, Error> {
        let body = self
            .send(Endpoint::Push, request, budget, Expect::Body)
            .await?;
        let response: PushResponse =
            channel_model::from_slice(&body).map_err(|source| Error::Decode {
                endpoint: Endpoint::Push,
                source,
            })?;
        PushReport::new(request, &response).map_err(Error::Mismatch)?;
        Ok(response.results)
    }
}
