// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A recorded disc read back as its customer and the lab read it (issue 17): the JPEG
// renditions in view/ of HEIC and RAW photos open in libjpeg's own djpeg, and
// `keepsakectl verify` records in the catalog whether the disc reads back whole — the
// purge deletes the lab's copies only of photos on a disc that does.
#include "DiscTestLab.h"

#include "catalog/AuditLog.h"
#include "disc/DiscVerification.h"
#include "retention/Purge.h"

class TestDiscReadBack : public DiscTestLab
{
    Q_OBJECT

private slots:
    void initTestCase();
    void heifAndRawRenditionsOpenInDjpeg();
    void verifyRecordsWhetherTheDiscReadsBack();
    void onlyTheLabVerifies();

private:
    QString burnAll(const QString &name);
    QJsonArray discPhotos(const QString &root);
    QList<PurgeItem> purgePlan(int daysLater);
    QString verifiedAt();
    void flipByteOf(const QString &iso, const QString &corpusFile);
};

void TestDiscReadBack::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *tool : { "xorriso", "djpeg" })
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is missing: install it (README, set-up)").arg(QLatin1String(tool))));
}

QString TestDiscReadBack::burnAll(const QString &name)
{
    const QString iso = image(name);
    const Run burned = ctl({ QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C1"),
                             QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    return burned.code == 0 ? iso : (qWarning("%s", qPrintable(burned.out)), QString());
}

// Every photo of every album.json below the extracted root.
QJsonArray TestDiscReadBack::discPhotos(const QString &root)
{
    QJsonArray photos;
    QDirIterator it(root, { QStringLiteral("album.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonArray listed = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("photos")).toArray();
        for (const QJsonValue &photo : listed)
            photos.append(photo);
    }
    return photos;
}

// Each HEIC/HEIF and RAW photo has a JPEG rendition that libjpeg decodes to a picture
// (no uniform placeholder) with the photo's proportions within a pixel's rounding.
void TestDiscReadBack::heifAndRawRenditionsOpenInDjpeg()
{
    freshLab({ QStringLiteral("real/heif"), QStringLiteral("real/raw") });
    const QString iso = burnAll(QStringLiteral("renditions.iso"));
    QVERIFY(!iso.isEmpty());
    const QString root = m_dir.filePath(QStringLiteral("renditions"));
    QCOMPARE(run(QStringLiteral("xorriso"), { QStringLiteral("-osirrox"), QStringLiteral("on"), QStringLiteral("-indev"), iso,
                                              QStringLiteral("-extract"), QStringLiteral("/"), root }).code, 0);
    const QJsonArray photos = discPhotos(root);
    QVERIFY(photos.size() >= 10);
    int heif = 0, raw = 0;
    for (const QJsonValue &value : photos) {
        const QJsonObject photo = value.toObject();
        const QString name = photo.value(QStringLiteral("name")).toString();
        const QString view = photo.value(QStringLiteral("view")).toString();
        const bool isHeif = QRegularExpression(QStringLiteral("\\.(heic|heif|hif)$"), QRegularExpression::CaseInsensitiveOption)
                                .match(name).hasMatch();
        QVERIFY2(!view.isEmpty(), qPrintable(name + QStringLiteral(" has no rendition in view/")));
        QVERIFY2(view.contains(QLatin1String("/view/")) && view.endsWith(QLatin1String(".jpg")), qPrintable(view));
        QProcess djpeg;
        djpeg.start(QStringLiteral("djpeg"), { QStringLiteral("-pnm"), root + QLatin1Char('/') + view });
        QVERIFY(djpeg.waitForFinished(60000));
        QVERIFY2(djpeg.exitCode() == 0, qPrintable(name + QStringLiteral(": ") + QString::fromLocal8Bit(djpeg.readAllStandardError())));
        const QImage decoded = QImage::fromData(djpeg.readAllStandardOutput(), "PPM");
        QVERIFY2(!decoded.isNull() && decoded.width() >= 64 && decoded.height() >= 64, qPrintable(name));
        const QImage small = decoded.scaled(16, 16, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QSet<QRgb> colours;
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x)
                colours.insert(small.pixel(x, y) & 0xf0f0f0);
        QVERIFY2(colours.size() > 8, qPrintable(name + QStringLiteral(": the rendition shows no picture")));
        ++(isHeif ? heif : raw);
    }
    QVERIFY(heif >= 8);
    QVERIFY(raw >= 2);
}

void TestDiscReadBack::flipByteOf(const QString &iso, const QString &corpusFile)
{
    QFile photo(Test::corpusPath(corpusFile));
    QVERIFY(photo.open(QIODevice::ReadOnly));
    const QByteArray head = photo.read(4096);
    QFile file(iso);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qsizetype at = file.readAll().indexOf(head);
    QVERIFY(at > 0);
    char byte = 0;
    QVERIFY(file.seek(at + 3000) && file.getChar(&byte));
    QVERIFY(file.seek(at + 3000) && file.putChar(char(byte ^ 0x01)));
}

QList<PurgeItem> TestDiscReadBack::purgePlan(int daysLater)
{
    ManualClock clock(QDateTime::currentDateTimeUtc().addDays(daysLater));
    auto lab = openLab(clock);
    const Result<QList<PurgeItem>> plan = Purge(lab->catalog(), lab->store(), clock).run(std::nullopt, true, QStringLiteral("test"), CancelToken());
    return plan ? *plan : QList<PurgeItem>();
}

QString TestDiscReadBack::verifiedAt()
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    SqlQuery query(lab->catalog().db(), QStringLiteral("SELECT COALESCE(verified_at, 'NULL') FROM disc_sessions"));
    return query.exec().ok() && query.next() ? query.text(0) : QString();
}

// A disc that no longer reads back whole keeps the lab's copies of its albums; once it
// verifies again they may go after their grace period.
void TestDiscReadBack::verifyRecordsWhetherTheDiscReadsBack()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = burnAll(QStringLiteral("verify.iso"));
    QVERIFY(!iso.isEmpty());
    QVERIFY(verifiedAt() != QLatin1String("NULL"));
    QList<PurgeItem> plan = purgePlan(60);
    QVERIFY(!plan.isEmpty());
    QVERIFY(std::all_of(plan.cbegin(), plan.cend(), [](const PurgeItem &item) { return item.purge; }));

    flipByteOf(iso, QStringLiteral("dups/exact/IMG_0001.JPG"));
    Run verified = ctl({ QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 3, qPrintable(verified.out));
    QVERIFY2(verified.out.contains(QLatin1String("\"recorded\":true")), qPrintable(verified.out));
    QCOMPARE(verifiedAt(), QStringLiteral("NULL"));
    plan = purgePlan(60);
    QVERIFY(std::none_of(plan.cbegin(), plan.cend(), [](const PurgeItem &item) { return item.purge; }));
    QVERIFY2(plan.first().reason.contains(QLatin1String("keepsakectl verify")), qPrintable(plan.first().reason));

    flipByteOf(iso, QStringLiteral("dups/exact/IMG_0001.JPG"));   // the byte back: the disc cleaned
    verified = ctl({ QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 0, qPrintable(verified.out));
    QVERIFY(verifiedAt() != QLatin1String("NULL"));
    plan = purgePlan(60);
    QVERIFY(std::all_of(plan.cbegin(), plan.cend(), [](const PurgeItem &item) { return item.purge; }));

    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    AuditLog::Filter filter;
    const QList<AuditEntry> audit = AuditLog::read(lab->catalog().db(), filter).value();
    QStringList actions;
    for (const AuditEntry &entry : audit)
        if (entry.action.startsWith(QLatin1String("disc_verif")))
            actions << entry.action;
    actions.sort();
    QCOMPARE(actions, (QStringList { QStringLiteral("disc_verified"), QStringLiteral("disc_verify_failed") }));
}

void TestDiscReadBack::onlyTheLabVerifies()
{
    freshLab({ QStringLiteral("dups/exact") });
    const QString iso = burnAll(QStringLiteral("customer.iso"));
    QVERIFY(!iso.isEmpty());
    ManualClock clock(QDateTime::currentDateTimeUtc());
    auto lab = openLab(clock);
    Result<std::unique_ptr<DiscDrive>> drive = DiscDrive::open(QStringLiteral("stdio:") + iso);
    QVERIFY(drive);
    const Result<DiscVerification::Outcome> outcome =
        DiscVerification(*lab, Actor::customer(1)).run(**drive, {}, clock.now());
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().kind(), Error::Kind::Refused);
}

QTEST_GUILESS_MAIN(TestDiscReadBack)
#include "tst_discreadback.moc"
