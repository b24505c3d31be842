package no.vipps.auth

import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.ConcurrentLinkedQueue

class LoggerTest {
    private class Collector : Logger {
        val records = ConcurrentLinkedQueue<LogRecord>()
        override fun log(record: LogRecord) {
            records.add(record)
        }
    }

    @Test
    fun `log lines reach a Kotlin logger, without secrets`() {
        val collector = Collector()
        Emulator().use { emulator ->
            setLogger(collector, LogLevel.DEBUG)
            try {
                emulator.fault("""{"path": "/accesstoken/get", "count": 1, "status": 503}""")
                val credentials = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY)
                TokenManager(Config(Environment.custom(emulator.url))).accessTokenBlocking(credentials)
            } finally {
                setLogger(null, LogLevel.DEBUG)
            }
        }
        assertTrue(collector.records.any { it.level == LogLevel.WARN && it.message.contains("503") }, "${collector.records}")
        for (record in collector.records) {
            assertTrue(record.target.startsWith("vipps_auth"), record.target)
            assertFalse(record.message.contains(Emulator.CLIENT_SECRET) || record.message.contains(Emulator.SUBSCRIPTION_KEY))
        }
    }
}
