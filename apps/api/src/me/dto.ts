import { z } from 'zod';
import { EMAIL_DELIVERY_MODES } from '@khuyencong/persistence';

/** How the signed-in person receives notification e-mails (issue 19); in-app notifications always come at once. */
export const EmailDelivery = z
  .enum(EMAIL_DELIVERY_MODES, { error: 'Chọn "immediate" hoặc "daily" / choose "immediate" or "daily"' })
  .describe(
    '`immediate`: the first e-mail goes at once, those within the next minute go together as one message when it ends; ' +
      '`daily`: one digest a day at 07:00 (Asia/Ho_Chi_Minh) with everything not yet sent',
  );

/** The signed-in person's own preferences. */
export const MyPreferences = z.object({ emailDelivery: EmailDelivery });
export type MyPreferences = z.output<typeof MyPreferences>;

/** A change of the signed-in person's own preferences (every field required: there is one). */
export const UpdateMyPreferencesRequest = z.strictObject({ emailDelivery: EmailDelivery });
export type UpdateMyPreferencesRequest = z.output<typeof UpdateMyPreferencesRequest>;
