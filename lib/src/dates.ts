// Built once: constructing a DateTimeFormat costs far more than formatting with it.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's date in Vietnam (UTC+7), 'YYYY-MM-DD': validity, revocations and open periods count in local days. */
export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DATE.format(now)
}
