//! Links that come from the API (e.g. `impulseAddedToProject.link`) made safe to follow.
//!
//! Relative links are relative to the Studio origin (`API.md`). Only a link that is
//! `http(s)://host…` after resolving may become clickable; `javascript:`, `data:` and the
//! like, and anything a browser might read differently than we do (whitespace or control
//! characters inside, backslashes), are refused, so the caller shows plain text instead.

/// Where Studio lives for the default API base.
pub const STUDIO_ORIGIN: &str = "https://studio.edgeimpulse.com";

/// `link` resolved against `origin` (`https://host`, no trailing slash), when it is safe to
/// use as an `href`.
pub fn resolve(link: &str, origin: &str) -> Option<String> {
    let link = link.trim_matches(|c: char| c == ' ' || c.is_ascii_control());
    if link.is_empty()
        || link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }
    let resolved = if let Some(rest) = link.strip_prefix("//") {
        format!("https://{rest}")
    } else if has_scheme(link) {
        link.to_owned()
    } else if link.starts_with('/') {
        format!("{origin}{link}")
    } else {
        format!("{origin}/{link}")
    };
    is_web_url(&resolved).then_some(resolved)
}

/// Whether `text` starts with a URL scheme (`letter *(letter / digit / + - .) ":"`).
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `http://` or `https://` followed by a host.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with(['/', '?', '#', '@', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_studio() {
        let r = |l: &str| resolve(l, STUDIO_ORIGIN);
        assert_eq!(
            r("/studio/614203/impulse/7").as_deref(),
            Some("https://studio.edgeimpulse.com/studio/614203/impulse/7")
        );
        assert_eq!(
            r("studio/1").as_deref(),
            Some("https://studio.edgeimpulse.com/studio/1")
        );
        assert_eq!(
            r("https://example.com/x?a=1#b").as_deref(),
            Some("https://example.com/x?a=1#b")
        );
        assert_eq!(
            r("HTTP://Example.com").as_deref(),
            Some("HTTP://Example.com")
        );
        assert_eq!(
            r("//cdn.example/a").as_deref(),
            Some("https://cdn.example/a")
        );
        assert_eq!(
            r("  /studio/1 ").as_deref(),
            Some("https://studio.edgeimpulse.com/studio/1")
        );
    }

    #[test]
    fn hostile_or_odd_links_never_become_links() {
        for link in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@b.c",
            "https://",
            "http:///path",
            "https:evil.example",
            "/\\evil.example",
            "/studio/1 onclick=x",
            "",
            "   ",
        ] {
            assert_eq!(resolve(link, STUDIO_ORIGIN), None, "{link:?}");
        }
    }
}
