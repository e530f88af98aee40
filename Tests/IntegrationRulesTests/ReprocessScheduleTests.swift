import IntegrationRules
import Testing

@Suite struct ReprocessScheduleTests {
    @Test func theDefaultFiveAttemptsAllStartInsideFifteenMinutes() {
        let schedule = ReprocessSchedule(maxAttempts: 5, window: .seconds(15 * 60))
        #expect(schedule.delay(after: 1) == .seconds(54))
        #expect(schedule.delay(after: 2) == .seconds(108))
        #expect(schedule.delay(after: 3) == .seconds(216))
        #expect(schedule.delay(after: 4) == .seconds(432))
        #expect(schedule.delay(after: 5) == nil, "the fifth attempt is the last")
        #expect(schedule.start(of: 1) == .zero)
        #expect(schedule.start(of: 5) == .seconds(810))
        #expect(schedule.start(of: 5) < schedule.window)
    }

    @Test func anyCountFitsItsWindow() {
        for attempts in 1...10 {
            let schedule = ReprocessSchedule(maxAttempts: attempts, window: .seconds(60))
            #expect(schedule.start(of: attempts) <= .seconds(54))
            #expect(schedule.delay(after: attempts) == nil)
        }
        #expect(ReprocessSchedule(maxAttempts: 0, window: .seconds(1)).maxAttempts == 1)
    }
}
