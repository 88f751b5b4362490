# kyc-sandbox: build the TypeScript, then run it on a slim image as a non-root user.
# test/dockerfile.test.ts performs these steps without Docker on every test run, so this file cannot rot unseen.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY scripts ./scripts
COPY contracts ./contracts
COPY fixtures ./fixtures
RUN npm run build

FROM node:24-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="kyc-sandbox" \
      org.opencontainers.image.description="Local, offline, deterministic impersonation of KYC-link providers, with a contract-test harness" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY contracts ./contracts
COPY fixtures ./fixtures
# Listen on every interface inside the container. Links point at http://127.0.0.1:4010 unless
# KYC_SANDBOX_PUBLIC_URL names where clients reach the container (docker run -p 8080:4010
# -e KYC_SANDBOX_PUBLIC_URL=http://localhost:8080). Beyond loopback the admin API needs a token:
# give one with KYC_SANDBOX_ADMIN_TOKEN, or read the one the start prints.
ENV KYC_SANDBOX_HOST=0.0.0.0 \
    KYC_SANDBOX_PORT=4010
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.KYC_SANDBOX_PORT||4010)+'/_sandbox/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
USER node
CMD ["node", "--max-semi-space-size=8", "bin/kyc-sandbox.cjs", "serve"]
