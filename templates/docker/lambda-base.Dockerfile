# {{name}}: a Lambda container image from binaries built on this machine.
# Build the binaries first, then the image:
{{build_steps}}
#   docker build --platform linux/{{platform}} -t {{repository}} -f {{dockerfile}} .
# (`rust-lambda-wizard build` runs both for you.)
FROM {{runtime_image}}
{{copies}}
{{command}}
