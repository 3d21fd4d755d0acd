# factlint as a container: a static musl binary built in one stage, copied into a
# small Alpine image with git (for `check --changed-since` and SARIF's provenance).
#
#   docker build -t factlint .
#   docker run --rm -v "$PWD:/work" factlint check articles/ --format sarif
#
# Rust's musl target links statically by default. The one C dependency, SQLite (the
# copy rusqlite bundles), is compiled by the image's gcc against musl-dev.
FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
# Dependencies first, so that a change to factlint's sources reuses their layer.
COPY Cargo.toml Cargo.lock build.rs ./
COPY rules rules
# Cargo.toml names tests/main.rs; the manifest does not load without it.
COPY tests/main.rs tests/main.rs
RUN mkdir src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs \
    && cargo build --release --locked \
    && rm -rf src
COPY src src
# Where SARIF's helpUri points (docs/rules/<id>.md), e.g.
# --build-arg FACTLINT_DOCS_BASE=https://github.com/OWNER/factlint/blob/v0.1.0/docs/rules/
ARG FACTLINT_DOCS_BASE
ENV FACTLINT_DOCS_BASE=${FACTLINT_DOCS_BASE}
RUN touch src/main.rs src/lib.rs \
    && cargo build --release --locked \
    && strip target/release/factlint

FROM alpine:3.20
RUN apk add --no-cache git \
    && git config --system --add safe.directory '*'
COPY --from=build /src/target/release/factlint /usr/local/bin/factlint
WORKDIR /work
ENTRYPOINT ["factlint"]
CMD ["--help"]
