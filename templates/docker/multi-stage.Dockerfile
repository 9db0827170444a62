# {{name}}: a Lambda container image built in two stages.
#   docker build --platform linux/{{platform}} -t {{repository}} -f {{dockerfile}} .
# The same file builds for arm64 or x86_64: --platform sets TARGETARCH (arm64 or
# amd64), which picks the base image and cargo lambda's architecture. A builder that
# does not set it (docker's legacy builder) builds for {{platform}}.
# (`rust-lambda-wizard build` runs this for you, for project.architecture or --arch.)
ARG TARGETARCH

# Stage 1: compile with cargo-lambda. Zig cross-compiles for the target
# architecture, so this stage runs natively on the build machine.
FROM --platform=$BUILDPLATFORM ghcr.io/cargo-lambda/cargo-lambda:latest AS build
ARG TARGETARCH
WORKDIR /build
COPY . .
{{build_steps}}

# Stage 2: only the binaries, on the Lambda base image for custom runtimes.
FROM {{runtime_image}}
{{copies}}
# The entrypoint starts /var/runtime/bootstrap; CMD is the handler name, which a Rust runtime ignores.
CMD ["bootstrap"]
