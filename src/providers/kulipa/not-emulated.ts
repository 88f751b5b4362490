// What Kulipa documents that the sandbox does not answer, with what the captured docs leave out.
// Paths of the card, wallet and balance endpoints come from the third-party .NET SDK
// (Beans-BV/kulipa-dotnet-sdk @ 75815c6), which follows kulipa.readme.io/reference.

const CARDS =
  "cards are outside the KYC subset: no captured Kulipa page gives their request or response bodies, statuses or errors (the path is the third-party SDK's)";
const WALLETS =
  "wallets are outside the KYC subset: no captured Kulipa page gives their bodies, statuses, errors or the wallet verification flow (the path is the third-party SDK's)";

const cards: [string, string][] = [
  ['POST', '/v1/cards'],
  ['GET', '/v1/cards'],
  ['GET', '/v1/cards/{cardId}'],
  ['PUT', '/v1/cards/{cardId}/activate'],
  ['PUT', '/v1/cards/{cardId}/freeze'],
  ['PUT', '/v1/cards/{cardId}/unfreeze'],
  ['PUT', '/v1/cards/{cardId}/revoke'],
  ['POST', '/v1/cards/{cardId}/pincode'],
  ['POST', '/v1/cards/{cardId}/pan'],
  ['POST', '/v1/cards/{cardId}/reissue'],
  ['GET', '/v1/cards/{cardId}/spending-controls'],
  ['POST', '/v1/cards/{cardId}/spending-controls'],
  ['DELETE', '/v1/cards/{cardId}/spending-controls/{spendingControlId}'],
];

const wallets: [string, string][] = [
  ['POST', '/v1/wallets'],
  ['GET', '/v1/wallets'],
  ['GET', '/v1/wallets/{walletId}'],
  ['PUT', '/v1/wallets/{walletId}/verify'],
  ['POST', '/v1/wallets/{walletId}/withdrawals'],
  ['GET', '/v1/wallets/{walletId}/withdrawals'],
  ['GET', '/v1/wallets/{walletId}/top-ups'],
  ['GET', '/v1/wallets/{walletId}/balance'],
];

/** defineProvider's notEmulated: each endpoint with what is missing to emulate it. */
export const kulipaNotEmulated: readonly { method: string; path: string; reason: string }[] = [
  {
    method: 'GET',
    path: '/v1/users/{userId}/balance',
    reason:
      "no captured Kulipa page documents it; only the third-party SDK's Balance model (accountUsableBalance, reservedBalance, card…Balance, bookedBalance, pending…Transactions, currency), whose amounts come from wallets and card payments, which are not emulated",
  },
  ...cards.map(([method, path]) => ({ method, path, reason: CARDS })),
  ...wallets.map(([method, path]) => ({ method, path, reason: WALLETS })),
  {
    method: 'GET',
    path: '/v1/cardPayments',
    reason:
      "card payments are outside the KYC subset: no captured Kulipa page gives their body, statuses or filters (path and query names userId, cardId, updatedAfter, statuses are the third-party SDK's)",
  },
];
