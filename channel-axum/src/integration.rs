//! [`Integration`]: the routes of an integration service, assembled from the user's handlers,
//! with a manifest that lists exactly the routes mounted.

use std::future::Future;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use channel_model::{
    AdminUiRequest, ChannelbackRequest, ChannelbackResponse, ClickthroughRequest, EventBatch,
    Manifest, ManifestUrls, PullRequest, PullResponse, Validated, ValidationErrors,
};

use crate::zendesk::{self, Zendesk, ZendeskRequest};
use crate::{Answer, Reply};

/// Builds the router of an integration service: each endpoint Zendesk calls is mounted with
/// a handler of yours, which gets the state and the validated request, and the manifest is
/// served at `GET /manifest` with the URLs of exactly the endpoints mounted.
///
/// | method | path | handler | manifest URL |
/// |---|---|---|---|
/// | `GET` | `/manifest` | made by [`build`](Self::build) | |
/// | `POST` | `/admin_ui` | [`admin_ui`](Self::admin_ui) | `admin_ui` (required) |
/// | `POST` | `/pull` | [`pull`](Self::pull) | `pull_url` |
/// | `POST` | `/channelback` | [`channelback`](Self::channelback) | `channelback_url` |
/// | `GET` | `/clickthrough` | [`clickthrough`](Self::clickthrough) | `clickthrough_url` |
/// | `POST` | `/event_callback` | [`event_callback`](Self::event_callback) | `event_callback_url` |
/// | `GET` | `/healthcheck` | [`healthcheck`](Self::healthcheck) | `healthcheck_url` |
///
/// The URLs are relative (`./pull`), which Zendesk resolves against the manifest's own
/// address: the router can be nested under any prefix, behind any host. Requests are
/// extracted with [`Zendesk`] (400, 413 and 422 answered before a handler runs), except
/// event batches, whose handler gets every batch that decodes (see
/// [`event_callback`](Self::event_callback)); the pull and channelback handlers answer with
/// a [`Validated`] payload only.
///
/// ```
/// use axum::response::Redirect;
/// use channel_axum::Integration;
/// use channel_model::{ChannelbackRequest, ChannelbackResponse, Manifest, PullRequest, PullResponse, Validated};
/// use channel_model::{AdminUiRequest, ClickthroughRequest, ReturnForm};
/// use std::convert::Infallible;
///
/// #[derive(Clone)]
/// struct App;
///
/// async fn pull(_: App, _: Validated<PullRequest>) -> Result<Validated<PullResponse>, Infallible> {
///     Ok(Validated::new(PullResponse::new([])).expect("an empty pull is valid"))
/// }
///
/// async fn channelback(_: App, _: Validated<ChannelbackRequest>) -> Result<Validated<ChannelbackResponse>, Infallible> {
///     Ok(Validated::new(ChannelbackResponse::new("msg-1")).expect("a trimmed id is valid"))
/// }
///
/// async fn admin_ui(_: App, request: Validated<AdminUiRequest>) -> axum::response::Response {
///     let form = ReturnForm::new("Support chat", request.return_url.clone());
///     match Validated::new(form) {
///         Ok(form) => channel_axum::Answer::from(form).into_response(),
///         Err(invalid) => channel_axum::Rejection::from(invalid.into_parts().1).into_response(),
///     }
/// }
/// # use axum::response::{IntoResponse, Response};
///
/// let router = Integration::new(App)
///     .admin_ui(admin_ui)
///     .pull(pull)
///     .channelback(channelback)
///     .clickthrough(|_: App, request: Validated<ClickthroughRequest>| async move {
///         Redirect::to(&format!("https://chat.example.com/m/{}", request.external_id.len()))
///     })
///     .build(|urls| Manifest::new("Support chat", "com.example.chat", urls))
///     .expect("the manifest is valid");
/// # let _: axum::Router = router;
/// ```
///
/// A pull handler that answers with a payload not validated does not compile:
///
/// ```compile_fail
/// use channel_axum::Integration;
/// use channel_model::{PullRequest, PullResponse, Validated};
///
/// let integration = Integration::new(()).pull(|_: (), _: Validated<PullRequest>| async {
///     Ok::<_, std::convert::Infallible>(PullResponse::new([]))
/// });
/// ```
#[must_use = "an integration does nothing until it is built and served"]
pub struct Integration<S> {
    state: S,
    router: Router<S>,
    urls: ManifestUrls,
}

impl<S: Clone + Send + Sync + 'static> Integration<S> {
    /// An integration whose handlers get `state`; no endpoint is mounted yet.
    pub fn new(state: S) -> Self {
        Integration {
            state,
            router: Router::new(),
            // Required by the manifest: left empty, `build` reports it missing.
            urls: ManifestUrls::new(""),
        }
    }

    /// Mounts `POST /admin_ui`: the page Zendesk opens for an admin to set up an account.
    /// The handler answers with a page of its own, or with the account's
    /// [`ReturnForm`](channel_model::ReturnForm) as an [`Answer`].
    pub fn admin_ui<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(S, Validated<AdminUiRequest>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse,
    {
        self.urls.admin_ui = self.mount("/admin_ui", post(route(handler)));
        self
    }

    /// Mounts `POST /pull`: the resources that are new since the `state` Zendesk sends.
    pub fn pull<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(S, Validated<PullRequest>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Validated<PullResponse>, E>> + Send + 'static,
        E: IntoResponse,
    {
        self.urls.pull_url = Some(self.mount_answering("/pull", handler));
        self
    }

    /// Mounts `POST /channelback`: delivers an agent's answer to the origin service. An
    /// error (a status other than 200) makes Zendesk retry, then report the failure.
    pub fn channelback<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(S, Validated<ChannelbackRequest>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Validated<ChannelbackResponse>, E>> + Send + 'static,
        E: IntoResponse,
    {
        self.urls.channelback_url = Some(self.mount_answering("/channelback", handler));
        self
    }

    /// Mounts `GET /clickthrough`: sends an agent to a resource in the origin service,
    /// usually with a [`Redirect`](axum::response::Redirect).
    pub fn clickthrough<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(S, Validated<ClickthroughRequest>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse,
    {
        self.urls.clickthrough_url = Some(self.mount("/clickthrough", get(route(handler))));
        self
    }

    /// Mounts `POST /event_callback`: a batch of events, every one kept and handed to the
    /// handler, whatever it holds. An event of a type added after this crate is
    /// [`Event::Unknown`](channel_model::Event::Unknown); one of a documented type whose fields
    /// do not fit it is [`Event::Malformed`](channel_model::Event::Malformed), and one that
    /// fits but breaks a rule (a `manifest_url` that is not https) is
    /// [`Event::Known`](channel_model::Event::Known): the handler validates the events it acts
    /// on (`event.validate()`), since one odd event must not cost the others, and Zendesk
    /// cannot send a batch again any better. Only a body that is not an event batch is
    /// refused (400, or 413 over [`EVENT_BATCH_BODY_LIMIT`](crate::EVENT_BATCH_BODY_LIMIT)).
    /// `Ok` answers 200 with no body.
    pub fn event_callback<F, Fut, E>(mut self, handler: F) -> Self
    where
        F: Fn(S, EventBatch) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: IntoResponse,
    {
        let route = move |State(state): State<S>, request: Request| {
            let handler = handler.clone();
            async move {
                let batch = match zendesk::decode::<EventBatch>(request).await {
                    Ok(batch) => batch,
                    Err(rejection) => return rejection.into_response(),
                };
                match handler(state, batch).await {
                    Ok(()) => StatusCode::OK.into_response(),
                    Err(error) => failure(error),
                }
            }
        };
        self.urls.event_callback_url = Some(self.mount("/event_callback", post(route)));
        self
    }

    /// Mounts `GET /healthcheck`, which Zendesk calls to see that the service is up.
    pub fn healthcheck<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(S) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoResponse,
    {
        let route = get(move |State(state): State<S>| handler(state));
        self.urls.healthcheck_url = Some(self.mount("/healthcheck", route));
        self
    }

    /// The router, with `GET /manifest` serving the manifest that `manifest` makes from the
    /// URLs of the mounted endpoints.
    ///
    /// The closure may add the URLs of pages this router does not serve (`about_url`,
    /// `dashboard_url`); the URLs of the endpoints Zendesk calls (`admin_ui`, `pull_url`,
    /// `channelback_url`, `clickthrough_url`, `event_callback_url`, `healthcheck_url`) are
    /// always the mounted routes', whatever the closure sets them to, so the manifest and the
    /// routes cannot disagree.
    ///
    /// # Errors
    ///
    /// When the manifest breaks Zendesk's rules, such as when no admin UI was mounted
    /// (`/urls/admin_ui`, code `required`) or a name is too long.
    pub fn build(
        self,
        manifest: impl FnOnce(ManifestUrls) -> Manifest,
    ) -> Result<Router, ValidationErrors> {
        let mounted = self.urls;
        let mut manifest = manifest(mounted.clone());
        manifest.urls.admin_ui = mounted.admin_ui;
        manifest.urls.pull_url = mounted.pull_url;
        manifest.urls.channelback_url = mounted.channelback_url;
        manifest.urls.clickthrough_url = mounted.clickthrough_url;
        manifest.urls.event_callback_url = mounted.event_callback_url;
        manifest.urls.healthcheck_url = mounted.healthcheck_url;
        let manifest = Validated::new(manifest).map_err(ValidationErrors::from)?;
        let serve = move || {
            let manifest = manifest.clone();
            async move { Answer::from(manifest) }
        };
        Ok(self
            .router
            .route("/manifest", get(serve))
            .with_state(self.state))
    }

    /// Mounts at `path` a handler whose validated payload is sent as an [`Answer`].
    fn mount_answering<T, P, F, Fut, E>(&mut self, path: &str, handler: F) -> String
    where
        T: ZendeskRequest + Send + 'static,
        P: Reply + 'static,
        F: Fn(S, Validated<T>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Validated<P>, E>> + Send + 'static,
        E: IntoResponse,
    {
        let handler = move |state, request| {
            let answer = handler(state, request);
            async move {
                match answer.await {
                    Ok(payload) => Answer::from(payload).into_response(),
                    Err(error) => failure(error),
                }
            }
        };
        self.mount(path, post(route(handler)))
    }

    /// Mounts `route` at `path`; its URL for the manifest, relative to `/manifest`.
    fn mount(&mut self, path: &str, route: MethodRouter<S>) -> String {
        self.router = std::mem::take(&mut self.router).route(path, route);
        format!(".{path}")
    }
}

/// The answer to a handler's error. Zendesk takes any 2xx answer as a success, so an error
/// that would answer 2xx is answered 500 instead: only a validated payload answers 2xx.
fn failure(error: impl IntoResponse) -> Response {
    let mut response = error.into_response();
    if response.status().is_success() {
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    }
    response
}

/// The axum handler that extracts the state and a `T` from Zendesk, and calls `handler`.
fn route<S, T, F, Fut, R>(
    handler: F,
) -> impl Fn(State<S>, Zendesk<T>) -> Fut + Clone + Send + Sync + 'static
where
    S: Clone + Send + Sync + 'static,
    T: ZendeskRequest + Send + 'static,
    F: Fn(S, Validated<T>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: IntoResponse,
{
    move |State(state), Zendesk(request)| handler(state, request)
}
