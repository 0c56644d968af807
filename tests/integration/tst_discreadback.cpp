// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A recorded disc read back as its customer and the lab read it (issue 17): the JPEG
// renditions in view/ of HEIC and RAW photos open in libjpeg's own djpeg, and
// `keepsakectl verify` records in the catalog whether the disc reads back whole — the
// purge deletes the lab's copies only of photos on a disc that does.
#include "DiscTestLab.h"

#include "catalog/AuditLog.h"
#include "disc/DiscManifest.h"
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
    QList<ManifestPhoto> discPhotos(const QString &root);
    QList<PurgeItem> purgePlan(int daysLater);
    QString verifiedAt();
    qint64 offsetOf(const QString &iso, const QString &corpusFile);
    void flipByteAt(const QString &iso, qint64 offset);
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

// Every photo the disc's manifest lists, with its rendition's path.
QList<ManifestPhoto> TestDiscReadBack::discPhotos(const QString &root)
{
    QFile file(root + QLatin1Char('/') + DiscManifest::jsonName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const Result<DiscManifest> manifest = DiscManifest::fromJson(file.readAll());
    QList<ManifestPhoto> photos;
    if (manifest)
        for (const ManifestSession &session : manifest->sessions)
            for (const ManifestAlbum &album : session.albums)
                photos += album.photos;
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
    const QList<ManifestPhoto> photos = discPhotos(root);
    QVERIFY(photos.size() >= 10);
    int heif = 0, raw = 0;
    for (const ManifestPhoto &photo : photos) {
        const QString &name = photo.name;
        const QString &view = photo.view;
        const bool isHeif = QRegularExpression(QStringLiteral("\\.(heic|heif|hif)$"), QRegularExpression::CaseInsensitiveOption)
                                .match(name).hasMatch();
        if (name == QLatin1String("Apple_iPhone_12_Pro_IMG_1361.dng")) {
            // Cut down to 64 KB with neither raw data nor a preview left: nothing to show,
            // so no view at all (the viewer draws a tile with its name), never the DNG
            // itself as a picture a browser cannot show.
            QVERIFY2(view.isEmpty(), qPrintable(view));
            QVERIFY(QFileInfo::exists(root + QLatin1Char('/') + photo.path));
            continue;
        }
        QVERIFY2(!view.isEmpty(), qPrintable(name + QStringLiteral(" has no rendition in view/")));
        QVERIFY2(view.contains(QLatin1String("/view/")) && view.endsWith(QLatin1String(".jpg")), qPrintable(view));
        QProcess djpeg;
        djpeg.start(QStringLiteral("djpeg"), { QStringLiteral("-pnm"), root + QLatin1Char('/') + view });
        QVERIFY(djpeg.waitForFinished(60000));
        QVERIFY2(djpeg.exitCode() == 0, qPrintable(name + QStringLiteral(": ") + QString::fromLocal8Bit(djpeg.readAllStandardError())));
        const QImage decoded = QImage::fromData(djpeg.readAllStandardOutput(), "PPM");
        QVERIFY2(!decoded.isNull() && decoded.width() >= 64 && decoded.height() >= 64, qPrintable(name));
        QSet<int> levels;   // a picture, not a uniform placeholder (Canon_EOS_R5.HIF is a night shot: grey levels 0 to 12)
        for (int y = 0; y < decoded.height(); y += 3)
            for (int x = 0; x < decoded.width(); x += 3)
                levels.insert(qGray(decoded.pixel(x, y)));
        QVERIFY2(levels.size() >= 4, qPrintable(name + QStringLiteral(": the rendition shows no picture")));
        ++(isHeif ? heif : raw);
    }
    QVERIFY(heif >= 8);
    QVERIFY(raw >= 2);   // the cut-down CRW shows its embedded thumbnail
}

// Where in the image a photo's bytes begin (its first 4 KiB found), plus 3000.
qint64 TestDiscReadBack::offsetOf(const QString &iso, const QString &corpusFile)
{
    QFile photo(Test::corpusPath(corpusFile));
    QFile file(iso);
    if (!photo.open(QIODevice::ReadOnly) || !file.open(QIODevice::ReadOnly))
        return -1;
    const qsizetype at = file.readAll().indexOf(photo.read(4096));
    return at > 0 ? at + 3000 : -1;
}

void TestDiscReadBack::flipByteAt(const QString &iso, qint64 offset)
{
    QFile file(iso);
    QVERIFY(offset > 0 && file.open(QIODevice::ReadWrite));
    char byte = 0;
    QVERIFY(file.seek(offset) && file.getChar(&byte));
    QVERIFY(file.seek(offset) && file.putChar(char(byte ^ 0x01)));
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

    const qint64 damaged = offsetOf(iso, QStringLiteral("dups/exact/IMG_0001.JPG"));
    flipByteAt(iso, damaged);
    Run verified = ctl({ QStringLiteral("--json"), QStringLiteral("verify"), QStringLiteral("--drive"), QStringLiteral("stdio:") + iso });
    QVERIFY2(verified.code == 3, qPrintable(verified.out));
    QVERIFY2(verified.out.contains(QLatin1String("\"recorded\":true")), qPrintable(verified.out));
    QCOMPARE(verifiedAt(), QStringLiteral("NULL"));
    plan = purgePlan(60);
    QVERIFY(std::none_of(plan.cbegin(), plan.cend(), [](const PurgeItem &item) { return item.purge; }));
    QVERIFY2(plan.first().reason.contains(QLatin1String("keepsakectl verify")), qPrintable(plan.first().reason));

    flipByteAt(iso, damaged);   // the byte back: the disc cleaned
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
