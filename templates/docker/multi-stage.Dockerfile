# {{name}}: a Lambda container image built in two stages.
#   docker build --platform linux/{{platform}} -t {{repository}} -f {{dockerfile}} .
# (`rust-lambda-wizard build` runs this for you.)

# Stage 1: compile with cargo-lambda. Zig cross-compiles for the target
# architecture, so this stage runs natively on the build machine.
FROM --platform=$BUILDPLATFORM ghcr.io/cargo-lambda/cargo-lambda:latest AS build
WORKDIR /build
COPY . .
{{build_steps}}

# Stage 2: only the binaries, on {{runtime_image_note}}.
FROM {{runtime_image}}
{{copies}}
{{command}}
