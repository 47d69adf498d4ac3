//! The shell: the one place that knows every domain. Each domain hands it
//! its routes (and what they need), its live topics, what it keeps in the
//! state, its background tasks and its demo data; the shell gives them to
//! the platform (`server/`, `live/`), which knows no domain.

pub mod cli;

use crate::consultations::writers::{BallotWriter, MarkWriter};
use crate::live::topic::TopicSource;
use crate::petitions::config::PetitionConfig;
use crate::server::config::Config;
use crate::server::group_commit::{GroupWriter, InOrder};
use crate::server::mount::Mount;
use crate::server::state::AppState;
use crate::subjects::inbox::{Describer, Describers};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The domains' routes, outside the pages and server functions.
fn routes() -> Router<AppState> {
    use crate::petitions::{open_data, photos::store as photos_store};
    Router::new()
        .route("/api/v1/petitions", get(open_data::list))
        .route("/api/v1/petitions/{code}", get(open_data::one))
        .route("/api/v1/petitions/statistics", get(open_data::statistics))
        .route("/photos/{file}", get(photos_store::serve))
        .nest("/open311/v2", crate::open311::routes::router())
        .merge(crate::payments::routes::router())
        .merge(crate::consultations::routes::router())
}

/// What the domains' routes need (body limits, own authentication).
fn mounts(petitions: &PetitionConfig) -> Vec<Mount> {
    let mut mounts = vec![
        crate::petitions::photos::api::mount(petitions),
        crate::open311::routes::mount(),
    ];
    mounts.extend(crate::payments::routes::mounts());
    mounts
}

/// The live topics, by the kind in their URL.
fn topics() -> Vec<(&'static str, Arc<dyn TopicSource>)> {
    let mut topics: Vec<(&'static str, Arc<dyn TopicSource>)> = vec![(
        crate::petitions::live::KIND,
        Arc::new(crate::petitions::live::PetitionTopics),
    )];
    topics.extend(crate::payments::live::topics());
    topics.push((
        crate::consultations::live::KIND,
        Arc::new(crate::consultations::live::ConsultationTopics),
    ));
    topics
}

/// How each domain's subjects are shown in an inbox, by subject kind.
fn describers() -> Describers {
    let mut by_kind: HashMap<&'static str, Arc<dyn Describer>> = HashMap::new();
    by_kind.insert(
        crate::petitions::subject::KIND,
        Arc::new(crate::petitions::subject::PetitionDescriber),
    );
    by_kind.insert(
        crate::consultations::subject::KIND,
        Arc::new(crate::consultations::subject::ConsultationDescriber),
    );
    Describers(Arc::new(by_kind))
}

/// The state with every domain's part: settings and writer tasks.
pub async fn state(config: Config) -> Result<AppState, Box<dyn std::error::Error>> {
    let petitions = PetitionConfig::from_env()?;
    let payments = crate::payments::config::PaymentConfig::from_env()?;
    let mut state = crate::server::http::state(config, mounts(&petitions)).await?;
    let supports = GroupWriter::start(
        state.db.clone(),
        crate::petitions::supports::writer::Supports::new(
            state.live.clone(),
            petitions.thresholds,
            state.config.site_url(),
        ),
    );
    let mut domains = http::Extensions::new();
    domains.insert(petitions);
    domains.insert(payments);
    domains.insert(crate::payments::receipts::ReceiptKeys::load(
        &state.config.data_dir,
    )?);
    domains.insert(supports);
    domains.insert::<BallotWriter>(GroupWriter::start(
        state.db.clone(),
        InOrder::new(state.live.clone()),
    ));
    domains.insert::<MarkWriter>(GroupWriter::start(
        state.db.clone(),
        InOrder::new(state.live.clone()),
    ));
    domains.insert(crate::accounts::directory::Directory::default());
    domains.insert(crate::petitions::categories::Categories::default());
    domains.insert(describers());
    domains.insert(crate::live::topic::Topics::new(topics()));
    domains.insert(crate::petitions::stats::snapshot::StatsSnapshot::default());
    state.domains = Arc::new(domains);
    Ok(state)
}

/// Serves until SIGTERM or Ctrl-C, then lets in-flight requests finish.
pub async fn serve(mut config: Config) -> Result<(), Box<dyn std::error::Error>> {
    // Listen for SIGTERM before announcing the port, so an early signal is
    // a graceful stop rather than the default kill.
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    crate::i18n::catalogue::check();
    let listener = tokio::net::TcpListener::bind(config.bind_addr).await?;
    // Port 0 picked a port: links and the origin check use the real one.
    config.bind_addr = listener.local_addr()?;
    let state = state(config).await?;
    let (stop, _) = tokio::sync::watch::channel(false);
    tokio::spawn(crate::petitions::photos::sweep::run(
        state.clone(),
        stop.subscribe(),
    ));
    tokio::spawn(end_expired_sessions(state.clone(), stop.subscribe()));
    tokio::spawn(crate::consultations::closing::run(
        state.clone(),
        stop.subscribe(),
    ));
    if let Ok(snapshot) = state.domain::<crate::petitions::stats::snapshot::StatsSnapshot>() {
        tokio::spawn(snapshot.clone().follow(state.live.clone()));
    }
    let app =
        crate::server::http::router(state.clone(), routes(), crate::app::App, crate::app::shell);
    crate::server::http::serve(&state, listener, app, term, stop).await;
    Ok(())
}

/// Ends sessions idle or older than their limits, every ten minutes.
async fn end_expired_sessions(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let now = crate::server::db::now_ms();
        let idle = now - state.config.session_idle.as_millis() as i64;
        let absolute = now - state.config.session_absolute.as_millis() as i64;
        if let Err(e) =
            crate::accounts::session_repo::delete_expired_sessions(&state.db.pool, idle, absolute)
                .await
        {
            tracing::warn!(error = %e, "session clean-up failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = stop.changed() => return,
        }
    }
}
