//! The server binary: command line -> configuration -> telemetry -> database
//! -> router -> serve.

use clap::Parser;
use grassroots::shell::cli::{run, Cli};

/// Pages are rendered from many small allocations (strings, view nodes);
/// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack for each runtime thread. Rendering a page walks its whole typed
/// view tree (component types are not erased, see Cargo.toml), which in a
/// debug build needs more than tokio's default 2 MiB; it is address space,
/// used only as deep as a page goes.
const THREAD_STACK_BYTES: usize = 16 * 1024 * 1024;

fn main() {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK_BYTES)
        .build()
        .expect("the async runtime starts");
    if let Err(e) = runtime.block_on(run(cli)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
