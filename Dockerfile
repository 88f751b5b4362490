# kyc-sandbox: build the TypeScript, then run it on a slim image as a non-root user.
# test/dockerfile.test.ts performs these steps without Docker on every test run, so this file cannot rot unseen.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
COPY scripts ./scripts
COPY contracts ./contracts
COPY fixtures ./fixtures
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY contracts ./contracts
COPY fixtures ./fixtures
# Listen on every interface inside the container; links point at the port published on the host.
ENV KYC_SANDBOX_HOST=0.0.0.0 \
    KYC_SANDBOX_PORT=4010 \
    KYC_SANDBOX_PUBLIC_URL=http://127.0.0.1:4010
EXPOSE 4010
USER node
CMD ["node", "--max-semi-space-size=8", "bin/kyc-sandbox.cjs", "serve"]
