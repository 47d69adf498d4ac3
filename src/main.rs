//! The server binary: command line -> configuration -> telemetry -> database
//! -> router -> serve.

use clap::Parser;
use grassroots::server::cli::{run, Cli};

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
