//! The command line: `serve` (default), `migrate`, `admin …`, `demo-seed`,
//! `bench-data`.

use crate::accounts::model::{DisplayName, Email, NewPassword, Role};
use crate::accounts::{repo, service};
use crate::server::config::Config;
use crate::server::db::Db;
use clap::{Parser, Subcommand};

/// Grassroots: petitions, public consultation and counter fees for local government.
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the site (migrates the database first).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Administrative tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Add the demo accounts and data (idempotent).
    DemoSeed,
    /// Generate petitions and supports for the scale benchmark.
    BenchData {
        /// Petitions to add.
        #[arg(long, default_value_t = 1_000_000)]
        petitions: i64,
        /// Supports to add, spread over them.
        #[arg(long, default_value_t = 10_000_000)]
        supports: i64,
    },
}

/// `grassroots admin …`
#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an account of any role.
    CreateUser {
        /// E-mail address.
        #[arg(long)]
        email: String,
        /// Password (at least 10 characters); read from GRASSROOTS_PASSWORD if omitted.
        #[arg(long, env = "GRASSROOTS_PASSWORD")]
        password: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// citizen, staff, officer or admin.
        #[arg(long)]
        role: String,
        /// Agency name (staff and officers).
        #[arg(long)]
        agency: Option<String>,
    },
    /// Create an agency.
    CreateAgency {
        /// The agency's name.
        name: String,
    },
}

/// Runs the command line; returns the process exit code.
pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    crate::server::observe::init(config.log_json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => super::serve(config).await,
        Command::Migrate => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Admin(cmd) => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            admin(&db, cmd).await
        }
        Command::DemoSeed => {
            let state = super::state(config).await?;
            demo_seed(&state).await
        }
        Command::BenchData {
            petitions,
            supports,
        } => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            bench_data(&db, petitions, supports).await
        }
    }
}

async fn admin(db: &Db, cmd: AdminCommand) -> Result<(), Box<dyn std::error::Error>> {
    match cmd {
        AdminCommand::CreateAgency { name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err("the agency needs a name".into());
            }
            let id = repo::upsert_agency(&db.pool, name, crate::server::db::now_ms()).await?;
            println!("agency {id}: {name}");
        }
        AdminCommand::CreateUser {
            email,
            password,
            name,
            role,
            agency,
        } => {
            let role = Role::parse(&role).ok_or("role must be citizen, staff, officer or admin")?;
            let agency_id = match agency {
                Some(a) => Some(
                    repo::agency_id(&db.pool, a.trim())
                        .await?
                        .ok_or_else(|| format!("no agency named {a:?}; create it first"))?,
                ),
                None => None,
            };
            let id = service::create_user(
                db,
                &Email::parse(&email).map_err(explain)?,
                &NewPassword::parse("password", &password).map_err(explain)?,
                &DisplayName::parse(&name).map_err(explain)?,
                None,
                role,
                agency_id,
            )
            .await
            .map_err(explain)?;
            println!("user {id}: {email} ({})", role.as_str());
        }
    }
    Ok(())
}

fn explain(e: crate::error::AppError) -> Box<dyn std::error::Error> {
    crate::i18n::translate(crate::i18n::Locale::En, e.message_key()).into()
}

/// Adds generated petitions and supports, from accounts
/// `bench-<n>@bench.grassroots.vn` created as needed.
async fn bench_data(
    db: &Db,
    petitions: i64,
    supports: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    use crate::petitions::bench_data;
    let needed = bench_data::supporters_needed(petitions, supports);
    let mut accounts = Vec::new();
    for n in 0..=needed {
        let email = format!("bench-{n}@bench.grassroots.vn");
        let id = match repo::user_with_hash_by_email(&db.pool, &email).await? {
            Some(u) => u.user.id,
            None => service::create_user(
                db,
                &Email::parse(&email).map_err(explain)?,
                &NewPassword::parse("password", DEMO_PASSWORD).map_err(explain)?,
                &DisplayName::parse(&format!("Người dân {n}")).map_err(explain)?,
                Some(461001),
                Role::Citizen,
                None,
            )
            .await
            .map_err(explain)?,
        };
        accounts.push(id);
    }
    let started = std::time::Instant::now();
    let written =
        bench_data::generate(db, accounts[0], &accounts[1..], petitions, supports).await?;
    println!(
        "bench data: {petitions} petitions, {written} supports in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The demo accounts (documented in the README).
pub const DEMO_ACCOUNTS: [(&str, &str, Role, Option<&str>); 5] = [
    (
        "citizen@demo.grassroots.vn",
        "Nguyễn Thị Hoa",
        Role::Citizen,
        None,
    ),
    (
        "staff@demo.grassroots.vn",
        "Trần Văn Minh",
        Role::Staff,
        Some("Trung tâm Phục vụ hành chính công tỉnh Quảng Trị"),
    ),
    (
        "officer@demo.grassroots.vn",
        "Lê Thị Lan",
        Role::Officer,
        Some("Sở Xây dựng tỉnh Quảng Trị"),
    ),
    (
        "admin@demo.grassroots.vn",
        "Phạm Quốc Bảo",
        Role::Admin,
        None,
    ),
    (
        "officer.dongha@demo.grassroots.vn",
        "Hoàng Văn Nam",
        Role::Officer,
        Some("UBND thành phố Đông Hà"),
    ),
];

/// The demo accounts' shared password.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

async fn demo_seed(
    state: &crate::server::state::AppState,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = &state.db;
    let now = crate::server::db::now_ms();
    for (email, name, role, agency) in DEMO_ACCOUNTS {
        let agency_id = match agency {
            Some(a) => Some(repo::upsert_agency(&db.pool, a, now).await?),
            None => None,
        };
        let result = service::create_user(
            db,
            &Email::parse(email).map_err(explain)?,
            &NewPassword::parse("password", DEMO_PASSWORD).map_err(explain)?,
            &DisplayName::parse(name).map_err(explain)?,
            Some(461001),
            role,
            agency_id,
        )
        .await;
        match result {
            Ok(id) => println!("demo {} {id}: {email}", role.as_str()),
            Err(crate::error::AppError::Validation { key, .. })
                if key == "accounts.email_taken" =>
            {
                println!("demo {}: {email} exists", role.as_str())
            }
            Err(e) => return Err(explain(e)),
        }
    }
    let demo_user = |email: &str| {
        let email = email.to_string();
        async move {
            crate::accounts::repo::user_with_hash_by_email(&db.pool, &email)
                .await
                .map(|u| u.map(|u| u.user))
        }
    };
    let citizen = demo_user(DEMO_ACCOUNTS[0].0)
        .await?
        .ok_or("demo citizen missing")?;
    let officer = demo_user(DEMO_ACCOUNTS[2].0)
        .await?
        .ok_or("demo officer missing")?;
    let local_officer = demo_user(DEMO_ACCOUNTS[4].0)
        .await?
        .ok_or("demo Đông Hà officer missing")?;
    // Demo citizens: three supporters of petitions, and residents of khu
    // phố 3 who take part in its consultation (enough for opinion groups).
    let mut supporters = Vec::new();
    let mut residents = Vec::new();
    let names = (1..=3)
        .map(|i| (format!("supporter{i}"), format!("Người ủng hộ {i}"), true))
        .chain((1..=18).map(|i| {
            (
                format!("resident{i}"),
                format!("Cư dân khu phố 3 số {i}"),
                false,
            )
        }));
    for (mailbox, name, supporter) in names {
        let email = format!("{mailbox}@demo.grassroots.vn");
        if demo_user(&email).await?.is_none() {
            service::create_user(
                db,
                &Email::parse(&email).map_err(explain)?,
                &NewPassword::parse("password", DEMO_PASSWORD).map_err(explain)?,
                &DisplayName::parse(&name).map_err(explain)?,
                Some(461001),
                Role::Citizen,
                None,
            )
            .await
            .map_err(explain)?;
        }
        let user = demo_user(&email).await?;
        if supporter {
            supporters.extend(user);
        } else {
            residents.extend(user);
        }
    }
    // The officer's agency handles the demo categories, but roads in a
    // district with its own rule go to that district's People's Committee.
    if let Some(agency) = officer.agency_id {
        crate::petitions::repo::route_unrouted_categories(&db.pool, agency).await?;
    }
    crate::petitions::routing::service::seed_demo_rules(state)
        .await
        .map_err(explain)?;
    let added =
        crate::petitions::demo::seed(state, &citizen, &officer, &local_officer, &supporters)
            .await
            .map_err(explain)?;
    println!("demo petitions added: {added}");
    let mut people = vec![citizen.clone()];
    people.extend(supporters.iter().cloned());
    people.extend(residents);
    let added = crate::consultations::demo::seed(state, &local_officer, &officer, &people)
        .await
        .map_err(explain)?;
    println!("demo consultations added: {added}");
    let procedures = crate::payments::demo::seed(state, DEMO_PASSWORD)
        .await
        .map_err(explain)?;
    println!("demo fee catalogue: {procedures} procedures");
    Ok(())
}
