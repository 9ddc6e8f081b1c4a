import { describe, expect, it } from 'vitest'
import { isEnterpriseCode } from '../src/model.js'

describe('isEnterpriseCode', () => {
  it('when a recorded employer code is checked, then only codes the EnterpriseCode scalar would serialize name an employer', () => {
    expect(['0100109106', '0100233488-001'].map(isEnterpriseCode)).toEqual([true, true])
    // The right shape with a wrong check digit or branch 000 would fail Enterprise.enterpriseCode, so it names none.
    expect(['', '0100109107', '0100109106-000', '010010910', 'DN0100109106'].map(isEnterpriseCode)).toEqual([false, false, false, false, false])
  })
})
