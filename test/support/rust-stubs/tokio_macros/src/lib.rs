//! Stand-ins for #[tokio::main] and #[tokio::test]: `async fn f() -> T { body }`
//! becomes `fn f() -> T { ::tokio::block_on(async move { body }) }`, so the body
//! is type-checked as the real macros would have it.
use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

fn rewrite(item: TokenStream, attribute: &str) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    tokens
        .retain(|token| !matches!(token, TokenTree::Ident(ident) if ident.to_string() == "async"));
    let Some(TokenTree::Group(body)) = tokens.pop() else {
        panic!("expected a function body");
    };
    let call: TokenStream = format!("::tokio::block_on(async move {body})")
        .parse()
        .unwrap();
    let mut out: TokenStream = attribute.parse().unwrap();
    out.extend(tokens);
    out.extend([TokenTree::Group(Group::new(Delimiter::Brace, call))]);
    out
}

#[proc_macro_attribute]
pub fn main(_: TokenStream, item: TokenStream) -> TokenStream {
    rewrite(item, "")
}

#[proc_macro_attribute]
pub fn test(_: TokenStream, item: TokenStream) -> TokenStream {
    rewrite(item, "#[test]")
}
