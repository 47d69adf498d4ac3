//! What a response's Content-Security-Policy allows its inline scripts by:
//! the nonce of a page rendered for one reader, or the hashes of a kept
//! page's scripts. Set by the renderer and the page cache, read by the
//! security headers.

/// The nonce of this response's Content-Security-Policy, put in the request's
/// extensions for the renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Put in a response's extensions by whatever answers with a page whose
/// inline scripts are allowed by their hashes (a kept page, the same bytes
/// for every reader): the CSP's script sources then name these hashes
/// instead of the response's nonce.
#[derive(Clone, Debug)]
pub struct ScriptHashes(pub std::sync::Arc<str>);
