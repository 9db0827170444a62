# {{name}}: a Lambda container image from binaries built on this machine.
# Build the binaries first, then the image, both for the same architecture:
{{build_steps}}
#   docker build --platform linux/{{platform}} -t {{repository}} -f {{dockerfile}} .
# ({{other_architecture}}. `rust-lambda-wizard build` runs both for you.)
# --platform sets TARGETARCH (arm64 or amd64), which picks the base image; a builder
# that does not set it (docker's legacy builder) builds for {{platform}}.
ARG TARGETARCH
FROM {{runtime_image}}
{{copies}}
# The entrypoint starts /var/runtime/bootstrap; CMD is the handler name, which a Rust runtime ignores.
CMD ["bootstrap"]
