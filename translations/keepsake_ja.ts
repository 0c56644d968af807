<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Keepsake::Actor</name>
    <message>
        <source>the clerk</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>clerk %1</source>
        <translation>スタッフ %1</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>お客様 %1</translation>
    </message>
    <message>
        <source>viewer %1 (a customer)</source>
        <translation>閲覧者 %1（お客様）</translation>
    </message>
    <message>
        <source>viewer %1</source>
        <translation>閲覧者 %1</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>デバイス %1</translation>
    </message>
    <message>
        <source>the lab (%1)</source>
        <translation>ラボ（%1）</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumAccess</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation>アルバム %1 はありません。お客様のアルバムは keepsakectl albums --customer CODE で一覧できます。</translation>
    </message>
    <message>
        <source>Album %1 cannot be reached by %2: a device does not act on customers&apos; albums. Its owner, signed in, or the clerk at the counter can.</source>
        <translation>%2 はアルバム %1 を扱えません。デバイスはお客様のアルバムを操作しません。サインインした持ち主か、カウンターのスタッフが操作できます。</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>お客様 %1</translation>
    </message>
    <message>
        <source>Album %1 (%2): only the lab can do this; %3 may ask at the counter.</source>
        <translation>アルバム %1（%2）: これはラボだけが行えます。%3 はカウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>Album %1 (%2) went onto a disc and is no longer within reach here; %3 may ask at the counter about it.</source>
        <translation>アルバム %1（%2）はディスクに記録されたため、ここではもう扱えません。%3 はカウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2 (or no longer): only its owner and the people they share it with can see it. Ask its owner to share it.</source>
        <translation>アルバム %1 は %2 と共有されていません（または共有が終わっています）。見られるのは持ち主と、持ち主が共有した人だけです。持ち主に共有を依頼してください。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is shared with %3 to view only: only its owner or the clerk can change it.</source>
        <translation>アルバム %1（%2）は %3 と閲覧のみで共有されています。変更できるのは持ち主かスタッフだけです。</translation>
    </message>
    <message>
        <source>The albums of customer %1 that went onto disc are shown at the counter only; ask the clerk there.</source>
        <translation>お客様 %1 のディスクに記録済みのアルバムはカウンターでのみ表示されます。カウンターのスタッフにお尋ねください。</translation>
    </message>
    <message>
        <source>The albums and notices of customer %1 are theirs only: %2 may not see or change them. Sign in as that customer, or ask at the counter.</source>
        <translation>お客様 %1 のアルバムとお知らせはご本人だけのものです。%2 は見ることも変更することもできません。そのお客様としてサインインするか、カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumChoices</name>
    <message>
        <source>Album %1 has no photo &quot;%2&quot;. List its photos with keepsakectl photos --album %1.</source>
        <translation>アルバム %1 に写真「%2」はありません。写真の一覧は keepsakectl photos --album %1 で表示できます。</translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; a cover must be one of the album&apos;s photos.</source>
        <translation>写真 %1 はアルバム %2 にありません。表紙はアルバム内の写真から選んでください。</translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; only the album&apos;s own photos can be chosen for its index print.</source>
        <translation>写真 %1 はアルバム %2 にありません。インデックスプリントにはアルバム内の写真だけを選べます。</translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation>写真 %1 はありません。</translation>
    </message>
    <message>
        <source>There is no disc session %1.</source>
        <translation>ディスクセッション %1 はありません。</translation>
    </message>
    <message>
        <source>No pickup code could be stored for disc session %1. Check that the catalog is reachable and try again.</source>
        <translation>ディスクセッション %1 の受取コードを保存できませんでした。カタログに接続できるか確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The caption of photo %1 is %2 characters long; a caption holds at most %3. Shorten it.</source>
        <translation>写真 %1 のキャプションは %2 文字です。キャプションは最大 %3 文字までです。短くしてください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumCommand</name>
    <message>
        <source>change one album: rule, date, cover, print selection</source>
        <translation>アルバムを 1 つ変更: ルール、日付、表紙、プリントの選択</translation>
    </message>
    <message>
        <source>Usage: keepsakectl album SUB-COMMAND ...
</source>
        <translation>使い方: keepsakectl album サブコマンド ...
</translation>
    </message>
    <message>
        <source>Unknown album sub-command &quot;%1&quot;. See: keepsakectl album --help</source>
        <translation>不明な album サブコマンド「%1」です。keepsakectl album --help を参照してください</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumEdits</name>
    <message>
        <source>There is no album %1: it may have been deleted. Reload the customer&apos;s albums.</source>
        <translation>アルバム %1 がありません。削除された可能性があります。お客様のアルバムを再読み込みしてください。</translation>
    </message>
    <message>
        <source>An album title needs 1 to 120 characters.</source>
        <translation>アルバム名は1〜120文字で入力してください。</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is already on disc and can no longer be renamed.</source>
        <translation>アルバム「%1」はすでにディスクに記録されているため、名前を変更できません。</translation>
    </message>
    <message>
        <source>Photos cannot be moved into &quot;%1&quot;: it is already on disc.</source>
        <translation>「%1」はすでにディスクに記録されているため、写真を移動できません。</translation>
    </message>
    <message>
        <source>There is no photo %1. Reload the album.</source>
        <translation>写真 %1 がありません。アルバムを再読み込みしてください。</translation>
    </message>
    <message>
        <source>Photo %1 cannot be moved: it belongs to another customer or is already on disc.</source>
        <translation>写真 %1 は移動できません。別のお客様のものか、すでにディスクに記録されています。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumLife</name>
    <message>
        <source>Album %1 (%2) was already deleted after recording.</source>
        <translation>アルバム %1（%2）は記録後すでに削除されています。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only albums that are not on disc yet can be extended. A recorded album in its grace period can be restored with keepsakectl album restore.</source>
        <translation>アルバム %1（%2）は%3です。延長できるのはまだディスクに記録されていないアルバムだけです。猶予期間中の記録済みアルバムは keepsakectl album restore で元に戻せます。</translation>
    </message>
    <message>
        <source>Album %1 can only be extended to a day after today (%2).</source>
        <translation>アルバム %1 は今日（%2）より後の日付にのみ延長できます。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; its rule no longer matters.</source>
        <translation>アルバム %1（%2）は%3です。ルールはもう関係ありません。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only a recorded album in its grace period can be restored.</source>
        <translation>アルバム %1（%2）は%3です。元に戻せるのは猶予期間中の記録済みアルバムだけです。</translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation>アルバム %1 はありません。お客様のアルバムは keepsakectl albums --customer CODE --all で一覧できます。</translation>
    </message>
    <message>
        <source>Album %1 (%2) was purged or restored at the same moment; it can no longer be restored.</source>
        <translation>アルバム %1 (%2) は同時に削除または復元されたため、もう復元できません。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3: it waits for its disc or is on one, and a view no longer keeps it. The clerk can extend or restore it at the counter.</source>
        <translation>アルバム %1（%2）は%3です。ディスクへの書き込みを待っているか、すでにディスクに収められているため、閲覧しても保管期間は延びません。カウンターで係員が延長または復元できます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumPrintSubcommands</name>
    <message>
        <source>Name the album: --album ALBUM.</source>
        <translation>アルバムを指定してください: --album ALBUM。</translation>
    </message>
    <message>
        <source>Chooses the album&apos;s cover photo: shown first on its disc and marked on its index print.</source>
        <translation>アルバムの表紙を選びます。ディスクで最初に表示され、インデックスプリントに印が付きます。</translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>アルバムの ID、または --customer と組み合わせたタイトル</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>アルバムの持ち主</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>the photo&apos;s ID or original file name</source>
        <translation>写真の ID または元のファイル名</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>PHOTO</translation>
    </message>
    <message>
        <source>Name the photo: --photo PHOTO (its ID or original file name).</source>
        <translation>写真を指定してください: --photo PHOTO（ID または元のファイル名）。</translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: cover photo %3</source>
        <translation>アルバム %1「%2」: 表紙 %3</translation>
    </message>
    <message>
        <source>Chooses the photos of the album&apos;s index print (claim 9); --clear prints all again.</source>
        <translation>アルバムのインデックスプリントに載せる写真を選びます（請求項 9）。--clear で再びすべてを印刷します。</translation>
    </message>
    <message>
        <source>photo IDs or original file names, comma-separated or repeated</source>
        <translation>写真の ID または元のファイル名（カンマ区切り、または繰り返し指定）</translation>
    </message>
    <message>
        <source>no selection: the index print shows every photo</source>
        <translation>選択なし: インデックスプリントにすべての写真を載せます</translation>
    </message>
    <message>
        <source>Give the photos (--photos PHOTO,...) or --clear.</source>
        <translation>写真（--photos PHOTO,...）または --clear を指定してください。</translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: the index print shows every photo</source>
        <translation>アルバム %1「%2」: インデックスプリントにすべての写真を載せます</translation>
    </message>
    <message numerus="yes">
        <source>Album %1 &quot;%2&quot;: %n photo(s) chosen for the index print</source>
        <translation>
            <numerusform>アルバム %1「%2」: インデックスプリント用に %n 枚を選びました</numerusform>
        </translation>
    </message>
    <message>
        <source>choose the album&apos;s cover photo</source>
        <translation>アルバムの表紙を選ぶ</translation>
    </message>
    <message>
        <source>choose the photos of the album&apos;s index print</source>
        <translation>アルバムのインデックスプリントに載せる写真を選ぶ</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRetentionSubcommands</name>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>アルバムの ID、または --customer と組み合わせたタイトル</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>アルバムの持ち主</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>アルバムを指定してください: --album ID。</translation>
    </message>
    <message>
        <source>Gives an album another retention rule; its date follows the new rule.</source>
        <translation>アルバムの保管ルールを変更します。日付は新しいルールに従います。</translation>
    </message>
    <message>
        <source>the rule&apos;s name (keepsakectl rule list)</source>
        <translation>ルール名（keepsakectl rule list）</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Name the rule: --rule NAME.</source>
        <translation>ルールを指定してください: --rule NAME。</translation>
    </message>
    <message>
        <source>Album %1 (%2) has a new rule</source>
        <translation>アルバム %1（%2）に新しいルールを設定しました</translation>
    </message>
    <message>
        <source>Keeps an album longer, as the customer asked; it becomes active with the new date.</source>
        <translation>お客様のご希望によりアルバムの保管を延長します。新しい日付で有効に戻ります。</translation>
    </message>
    <message>
        <source>days added to the album&apos;s current date</source>
        <translation>アルバムの現在の日付に加える日数</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>the new last day</source>
        <translation>新しい最終日</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>Give either --days N or --until DATE.</source>
        <translation>--days N か --until DATE のどちらかを指定してください。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is extended</source>
        <translation>アルバム %1（%2）を延長しました</translation>
    </message>
    <message>
        <source>--days takes a positive whole number.</source>
        <translation>--days には正の整数を指定してください。</translation>
    </message>
    <message>
        <source>--until takes a date like 2027-01-31.</source>
        <translation>--until には 2027-01-31 のような日付を指定してください。</translation>
    </message>
    <message>
        <source>Brings a recorded album back from its grace period: active again, dated by its rule from today.</source>
        <translation>猶予期間中の記録済みアルバムを元に戻します。再び有効になり、日付は今日からルールに従って決まります。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is restored</source>
        <translation>アルバム %1（%2）を元に戻しました</translation>
    </message>
    <message>
        <source>give an album another retention rule</source>
        <translation>アルバムの保管ルールを変更する</translation>
    </message>
    <message>
        <source>keep an album longer (--days N or --until DATE)</source>
        <translation>アルバムの保管を延長する（--days N または --until DATE）</translation>
    </message>
    <message>
        <source>bring a recorded album back from its grace period</source>
        <translation>猶予期間中の記録済みアルバムを元に戻す</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>「%1」は ID ではありません。</translation>
    </message>
    <message>
        <source>The thumbnail of photo %1 is not on this device: its file is kept on %2.</source>
        <translation>写真 %1 のサムネイルはこのデバイスにはありません。ファイルは %2 に保管されています。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumSharing</name>
    <message>
        <source>Album %1 (%2): who else may view it is its owner&apos;s business, not shown to %3. Ask its owner.</source>
        <translation>アルバム %1（%2）: ほかに誰が閲覧できるかは所有者が決めることのため、%3 には表示されません。所有者にお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumZip</name>
    <message>
        <source>The album&apos;s zip broke off at %1: %2</source>
        <translation>アルバムの ZIP の作成が %1 で中断しました: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read for the album&apos;s zip: %2</source>
        <translation>アルバムの ZIP 用に %1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1 (kept on %2)</source>
        <translation>%1（%2 に保管）</translation>
    </message>
    <message>
        <source>These photos of the album are kept at another store of the lab and are not in this download; ask the lab for them:</source>
        <translation>アルバムの次の写真はラボの別の店舗で保管されているため、このダウンロードには含まれていません。ラボにお問い合わせください:</translation>
    </message>
    <message>
        <source>not-included.txt</source>
        <translation>含まれていない写真.txt</translation>
    </message>
</context>
<context>
    <name>Keepsake::Albums</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation>アルバム %1 はありません。お客様のアルバムは keepsakectl albums --customer CODE --all で一覧できます。</translation>
    </message>
    <message>
        <source>Album %1 does not belong to this customer.</source>
        <translation>アルバム %1 はこのお客様のものではありません。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an album ID; to name an album by its title, give the customer too (--customer).</source>
        <translation>「%1」はアルバム ID ではありません。タイトルでアルバムを指定するには、お客様も指定してください（--customer）。</translation>
    </message>
    <message>
        <source>The customer has no album called &quot;%1&quot;.</source>
        <translation>お客様には「%1」という名前のアルバムはありません。</translation>
    </message>
    <message>
        <source>The albums cannot be read from the catalog: %1.</source>
        <translation>カタログからアルバムを読み込めません: %1。</translation>
    </message>
    <message>
        <source>The photos of album %1 cannot be read from the catalog: %2.</source>
        <translation>アルバム %1 の写真をカタログから読み込めません: %2。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>expiring</source>
        <translation>期限間近</translation>
    </message>
    <message>
        <source>expired, waiting for its disc</source>
        <translation>期限切れ・ディスク待ち</translation>
    </message>
    <message>
        <source>recorded on disc</source>
        <translation>ディスクに記録済み</translation>
    </message>
    <message>
        <source>deleted after recording</source>
        <translation>記録後に削除済み</translation>
    </message>
    <message>
        <source>Photo %1 cannot be read from the catalog: %2.</source>
        <translation>カタログから写真 %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation>写真 %1 はありません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsCommand</name>
    <message>
        <source>the albums a customer can reach now</source>
        <translation>お客様が現在見られるアルバム</translation>
    </message>
    <message>
        <source>Lists the albums the customer can reach now (owned and shared).</source>
        <translation>お客様が現在見られるアルバム（自分のもの・共有されたもの）を一覧表示します。</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>also recorded and purged albums (for the clerk)</source>
        <translation>記録済み・削除済みのアルバムも含める（スタッフ用）</translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation>お客様を指定してください: --customer CODE。</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>アルバム %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>every stored photo of an album</source>
        <translation>アルバムに保存されているすべての写真</translation>
    </message>
    <message>
        <source>Lists every stored photo of an album, new versions included.</source>
        <translation>アルバムに保存されているすべての写真を、新しい版も含めて一覧表示します。</translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation>アルバムの ID、または --customer と組み合わせたタイトル</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation>アルバムの持ち主</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>アルバムを指定してください: --album ID。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>アルバム %1 の写真 %n 枚</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsPage</name>
    <message>
        <source>Hello, %1</source>
        <translation>こんにちは、%1 様</translation>
    </message>
    <message>
        <source>%1 — kept until %2. After that it comes back to you on disc.</source>
        <translation>%1 — %2 まで保管します。その後、ディスクでお返しします。</translation>
    </message>
    <message>
        <source>A new name for the album</source>
        <translation>アルバムの新しい名前</translation>
    </message>
    <message>
        <source>The album is now called &quot;%1&quot;.</source>
        <translation>アルバム名を「%1」に変更しました。</translation>
    </message>
    <message numerus="yes">
        <source>Move %n photo(s) into which album?</source>
        <translation>
            <numerusform>%n 枚の写真をどのアルバムに移動しますか？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) moved.</source>
        <translation>
            <numerusform>%n 枚の写真を移動しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Move to album</source>
        <translation>アルバムへ移動</translation>
    </message>
    <message>
        <source>Make cover</source>
        <translation>表紙にする</translation>
    </message>
    <message>
        <source>Choose for index print</source>
        <translation>インデックスプリント用に選ぶ</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>共有</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <source>This photo is now the album&apos;s cover: the disc opens with it.</source>
        <translation>この写真をアルバムの表紙にしました。ディスクはこの写真から始まります。</translation>
    </message>
    <message>
        <source>Save the index print choice</source>
        <translation>インデックスプリントの選択を保存</translation>
    </message>
    <message>
        <source>Tick the photos for the index print. None ticked: all photos are printed.</source>
        <translation>インデックスプリントに載せる写真にチェックを付けてください。チェックなしの場合はすべて印刷します。</translation>
    </message>
    <message>
        <source>All photos of the album go on the index print.</source>
        <translation>アルバムのすべての写真をインデックスプリントに載せます。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) chosen for the index print.</source>
        <translation>
            <numerusform>インデックスプリント用に %n 枚選びました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Share this album with: customer code or e-mail address</source>
        <translation>このアルバムの共有先: お客様番号またはメールアドレス</translation>
    </message>
    <message>
        <source>%1 may now view this album and will be told before it expires.</source>
        <translation>%1 はこのアルバムを見られるようになり、期限前にお知らせが届きます。</translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation>%1 様から共有</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Expires on %1</source>
        <translation>保管期限: %1</translation>
    </message>
    <message>
        <source>%1 — shared with you by %2, to view only. You can see it until %3 or until it is recorded on disc.</source>
        <translation>%1 — %2 様から閲覧のみで共有されています。%3 まで、またはディスクに記録されるまでご覧いただけます。</translation>
    </message>
    <message>
        <source>You have no photos here yet.

Insert your memory card or USB stick into the kiosk now: its photos become your first album.
Or hand them in at the counter.</source>
        <translation>まだ写真がありません。

メモリーカードか USB メモリーを今すぐキオスクに差し込んでください。その写真が最初のアルバムになります。
カウンターでお預けいただくこともできます。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>New notice — %1. Tap to read it.</source>
        <translation>新しいお知らせ — %1。タップして読んでください。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s), the newest: %1. Tap to read them.</source>
        <translation>
            <numerusform>未読のお知らせ %n 件、最新: %1。タップして読んでください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation>スマートフォンから預ける</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditDialog</name>
    <message>
        <source>Audit trail of %1 — %2</source>
        <translation>%1 — %2 の履歴</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Audit trail of album &apos;%1&apos; of %2</source>
        <translation>アルバム「%1」（%2）の履歴</translation>
    </message>
    <message>
        <source>Audit trail of the lab</source>
        <translation>ラボの履歴</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>詳細を表示</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>すべてのお客様</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Search the entries</source>
        <translation>項目を検索</translation>
    </message>
    <message>
        <source>from</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>to</source>
        <translation>終了日</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entry(s) shown</source>
        <translation>
            <numerusform>%n 件中 %1 件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see its details.</source>
        <translation>詳細を見るには項目を選んでください。</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>詳細を隠す</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditSentences</name>
    <message>
        <source>Hand-in</source>
        <translation>受付</translation>
    </message>
    <message>
        <source>Album renamed</source>
        <translation>アルバム名の変更</translation>
    </message>
    <message>
        <source>Photos moved</source>
        <translation>写真の移動</translation>
    </message>
    <message>
        <source>Cover chosen</source>
        <translation>表紙の選択</translation>
    </message>
    <message>
        <source>Caption written</source>
        <translation>キャプションの記入</translation>
    </message>
    <message>
        <source>Photos chosen to print</source>
        <translation>印刷する写真の選択</translation>
    </message>
    <message>
        <source>Album shared</source>
        <translation>アルバムの共有</translation>
    </message>
    <message>
        <source>Sharing ended</source>
        <translation>共有の終了</translation>
    </message>
    <message>
        <source>Album recorded</source>
        <translation>アルバムの記録</translation>
    </message>
    <message>
        <source>Disc recorded</source>
        <translation>ディスクの記録</translation>
    </message>
    <message>
        <source>Album extended</source>
        <translation>アルバムの延長</translation>
    </message>
    <message>
        <source>Rule changed</source>
        <translation>ルールの変更</translation>
    </message>
    <message>
        <source>Album restored</source>
        <translation>アルバムの復元</translation>
    </message>
    <message>
        <source>Photos deleted after recording</source>
        <translation>記録後の写真の削除</translation>
    </message>
    <message>
        <source>Notice sent</source>
        <translation>お知らせの送信</translation>
    </message>
    <message>
        <source>Notice failed</source>
        <translation>お知らせの送信失敗</translation>
    </message>
    <message>
        <source>Registered at the kiosk</source>
        <translation>キオスクで登録</translation>
    </message>
    <message>
        <source>Registration confirmed</source>
        <translation>登録の確認</translation>
    </message>
    <message>
        <source>Customer details changed</source>
        <translation>お客様情報の変更</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN の誤り</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>設定の変更</translation>
    </message>
    <message>
        <source>Rule added</source>
        <translation>ルールの追加</translation>
    </message>
    <message>
        <source>Device added</source>
        <translation>デバイスの追加</translation>
    </message>
    <message>
        <source>customer no. %1</source>
        <translation>お客様 ID %1</translation>
    </message>
    <message>
        <source>no. %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <source>The clerk</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Clerk %1</source>
        <translation>スタッフ %1</translation>
    </message>
    <message>
        <source>The lab&apos;s command line</source>
        <translation>ラボのコマンドライン</translation>
    </message>
    <message>
        <source>%1 (command line)</source>
        <translation>%1（コマンドライン）</translation>
    </message>
    <message>
        <source>The mail delivery</source>
        <translation>メール配信</translation>
    </message>
    <message>
        <source>The lab&apos;s nightly round</source>
        <translation>ラボの夜間処理</translation>
    </message>
    <message>
        <source>The printing</source>
        <translation>印刷処理</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>what someone did, at which terminal</comment>
        <translation>%1（%2 にて）</translation>
    </message>
    <message>
        <source>%1 renamed album &apos;%2&apos; to &apos;%3&apos;</source>
        <translation>%1 がアルバム「%2」の名前を「%3」に変更しました</translation>
    </message>
    <message numerus="yes">
        <source>%1 moved %n photo(s) into album &apos;%2&apos;</source>
        <translation>
            <numerusform>%1 が写真 %n 枚をアルバム「%2」に移動しました</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 chose the cover of album &apos;%2&apos;</source>
        <translation>%1 がアルバム「%2」の表紙を選びました</translation>
    </message>
    <message>
        <source>%1 wrote a caption in album &apos;%2&apos;</source>
        <translation>%1 がアルバム「%2」にキャプションを書きました</translation>
    </message>
    <message numerus="yes">
        <source>%1 chose %n photo(s) of album &apos;%2&apos; to print</source>
        <translation>
            <numerusform>%1 がアルバム「%2」の写真 %n 枚を印刷用に選びました</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shared album &apos;%2&apos; with %3</source>
        <translation>%1 がアルバム「%2」を %3 と共有しました</translation>
    </message>
    <message>
        <source>%1 stopped sharing album &apos;%2&apos; with %3</source>
        <translation>%1 がアルバム「%2」の %3 との共有を終了しました</translation>
    </message>
    <message>
        <source>%1 recorded album &apos;%2&apos; onto disc %3</source>
        <translation>%1 がアルバム「%2」をディスク %3 に記録しました</translation>
    </message>
    <message>
        <source>%1 extended album &apos;%2&apos; until %3</source>
        <translation>%1 がアルバム「%2」を %3 まで延長しました</translation>
    </message>
    <message>
        <source>%1 gave album &apos;%2&apos; the rule &apos;%3&apos;</source>
        <translation>%1 がアルバム「%2」にルール「%3」を設定しました</translation>
    </message>
    <message>
        <source>%1 restored album &apos;%2&apos;, kept until %3</source>
        <translation>%1 がアルバム「%2」を復元しました（%3 まで保管）</translation>
    </message>
    <message numerus="yes">
        <source>%1 deleted the %n photo(s) of album &apos;%2&apos; after its time on disc</source>
        <translation>
            <numerusform>%1 が記録後の猶予期間を過ぎたアルバム「%2」の写真 %n 枚を削除しました</numerusform>
        </translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; sent to %2</source>
        <translation>アルバム「%1」のお知らせを %2 に送信しました</translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; to %2 not sent: %3</source>
        <translation>アルバム「%1」のお知らせを %2 に送信できませんでした: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 handed in %n new photo(s)</source>
        <translation>
            <numerusform>%1 から新しい写真 %n 枚を受付</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already here</source>
        <translation>
            <numerusform>、%n 枚は受付済み</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>、%n 枚は受付不可</numerusform>
        </translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation>（中止）</translation>
    </message>
    <message numerus="yes">
        <source>%1 recorded disc %2 with %n album(s)</source>
        <translation>
            <numerusform>%1 がアルバム %n 件をディスク %2 に記録しました</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 registered as a new customer</source>
        <translation>%1 が新しいお客様として登録しました</translation>
    </message>
    <message>
        <source>%1 confirmed the registration of %2</source>
        <translation>%1 が %2 の登録を確認しました</translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation>%1 がサインインしました</translation>
    </message>
    <message>
        <source>%1: someone typed an unknown customer code</source>
        <translation>%1: 不明なお客様番号が入力されました</translation>
    </message>
    <message>
        <source>%1 typed a wrong PIN</source>
        <translation>%1 が誤った PIN を入力しました</translation>
    </message>
    <message>
        <source>%1 set %2 to &apos;%3&apos;</source>
        <translation>%1 が %2 を「%3」に設定しました</translation>
    </message>
    <message>
        <source>%1 added the retention rule &apos;%2&apos;</source>
        <translation>%1 が保管ルール「%2」を追加しました</translation>
    </message>
    <message>
        <source>%1 added the device %2</source>
        <translation>%1 がデバイス %2 を追加しました</translation>
    </message>
    <message>
        <source>%1: %2 (album &apos;%3&apos;)</source>
        <translation>%1: %2（アルバム「%3」）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (customer %3)</source>
        <translation>%1: %2（お客様 %3）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Disc verified</source>
        <translation>ディスク検証済み</translation>
    </message>
    <message>
        <source>Disc failed verification</source>
        <translation>ディスク検証失敗</translation>
    </message>
    <message>
        <source>Customer added</source>
        <translation>顧客を追加</translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: all %n file(s) match</source>
        <translation>
            <numerusform>%1 がディスク %2 を読み戻しました：%n 件のファイルがすべて一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: %n file(s) differ; the lab keeps its copies</source>
        <translation>
            <numerusform>%1 がディスク %2 を読み戻しました：%n 件のファイルが不一致。ラボのコピーは保持します</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added customer %2 (%3)</source>
        <translation>%1 が顧客 %2（%3）を追加しました</translation>
    </message>
    <message>
        <source>%1 changed the details of %2: %3</source>
        <translation>%1 が %2 の情報を変更しました：%3</translation>
    </message>
    <message>
        <source>name &apos;%1&apos;</source>
        <translation>名前「%1」</translation>
    </message>
    <message>
        <source>e-mail address removed</source>
        <translation>メールアドレスを削除</translation>
    </message>
    <message>
        <source>e-mail address %1</source>
        <translation>メールアドレス %1</translation>
    </message>
    <message>
        <source>phone number removed</source>
        <translation>電話番号を削除</translation>
    </message>
    <message>
        <source>phone number %1</source>
        <translation>電話番号 %1</translation>
    </message>
    <message>
        <source>the lab&apos;s language</source>
        <translation>ラボの言語</translation>
    </message>
    <message>
        <source>language %1</source>
        <translation>言語 %1</translation>
    </message>
    <message>
        <source>PIN removed</source>
        <translation>暗証番号を削除</translation>
    </message>
    <message>
        <source>a new PIN</source>
        <translation>新しい暗証番号</translation>
    </message>
    <message>
        <source>no plan (the lab&apos;s default rule)</source>
        <translation>プランなし（ラボの既定ルール）</translation>
    </message>
    <message>
        <source>plan &apos;%1&apos;</source>
        <translation>プラン「%1」</translation>
    </message>
    <message>
        <source>no home device</source>
        <translation>ホーム端末なし</translation>
    </message>
    <message>
        <source>home device %1</source>
        <translation>ホーム端末 %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;</source>
        <translation>%1「%2」</translation>
    </message>
    <message>
        <source>Album viewed</source>
        <translation>アルバム閲覧</translation>
    </message>
    <message>
        <source>%1 looked at album &apos;%2&apos;: kept until %3</source>
        <translation>%1 がアルバム「%2」を閲覧: %3 まで保管</translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditTrail</name>
    <message>
        <source>The audit trail is the lab&apos;s record and is shown to the clerk only, not to %1.</source>
        <translation>履歴はラボの記録で、スタッフだけに表示されます。%1 には表示されません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::BlobStore</name>
    <message>
        <source>The stored file %1 cannot be deleted.</source>
        <translation>保存ファイル %1 を削除できません。</translation>
    </message>
    <message>
        <source>The photo store folder %1 cannot be created. Check the data folder&apos;s permissions and free space.</source>
        <translation>写真保管庫のフォルダー %1 を作成できません。データフォルダーの権限と空き容量を確認してください。</translation>
    </message>
    <message>
        <source>The photo store cannot write %1: %2.</source>
        <translation>写真保管庫に %1 を書き込めません: %2。</translation>
    </message>
    <message>
        <source>The photo store could not write a photo (%1). Make room on the disk holding %2 and hand the photos in again.</source>
        <translation>写真保管庫に写真を書き込めませんでした（%1）。%2 のあるディスクの空きを増やして、写真をもう一度受け付けてください。</translation>
    </message>
    <message>
        <source>The photo store could not flush %1 to disk: %2.</source>
        <translation>写真保管庫で %1 をディスクに書き出せませんでした: %2。</translation>
    </message>
    <message>
        <source>The photo store could not put %1 in place: %2.</source>
        <translation>写真保管庫で %1 を所定の場所に置けませんでした: %2。</translation>
    </message>
    <message>
        <source>The photo store could not flush the folder %1: %2.</source>
        <translation>写真保管庫でフォルダー %1 をディスクに書き出せませんでした: %2。</translation>
    </message>
    <message>
        <source>The file that arrived for %1 has another SHA-256 (%2): it was damaged on the way and is sent again.</source>
        <translation>%1 について届いたファイルの SHA-256 が異なります（%2）。途中で破損したため、もう一度送信します。</translation>
    </message>
    <message>
        <source>a short write</source>
        <translation>書き込みが途中で終わりました</translation>
    </message>
</context>
<context>
    <name>Keepsake::BurnJob</name>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation>アルバム %1 はお客様 %2 のもので、%3 のものではありません。</translation>
    </message>
    <message>
        <source>Album &apos;%1&apos; is already on disc %2.</source>
        <translation>アルバム「%1」はすでにディスク %2 に記録されています。</translation>
    </message>
    <message>
        <source>This disc was not made by Keepsake (it has no Keepsake manifest). Nothing was written; please use a new disc.</source>
        <translation>このディスクは Keepsake で作成されたものではありません（Keepsake のマニフェストがありません）。何も書き込んでいません。新しいディスクを使ってください。</translation>
    </message>
    <message>
        <source>This disc&apos;s manifest cannot be read, so it cannot be checked. Nothing was written; please use a new disc.</source>
        <translation>このディスクのマニフェストを読めないため、確認できません。何も書き込んでいません。新しいディスクを使ってください。</translation>
    </message>
    <message>
        <source>This disc belongs to customer %1, not to %2 (%3). Nothing was written; please use the customer&apos;s own disc or a new one.</source>
        <translation>このディスクはお客様 %1 のもので、%2（%3）のものではありません。何も書き込んでいません。お客様ご本人のディスクか新しいディスクを使ってください。</translation>
    </message>
    <message>
        <source>The catalog records disc %1 for another customer, not for %2. Nothing was written.</source>
        <translation>カタログではディスク %1 は %2 ではなく別のお客様のものとして登録されています。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>Disc %1 is closed: nothing more can be added to it. Insert a blank disc.</source>
        <translation>ディスク %1 はクローズされているため、これ以上追加できません。空のディスクを入れてください。</translation>
    </message>
    <message>
        <source>Unknown medium &apos;%1&apos;: say one of %2.</source>
        <translation>不明なメディア「%1」です。%2 のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>There is no writable disc in %1. Insert a blank or the customer&apos;s disc.</source>
        <translation>%1 に書き込み可能なディスクがありません。空のディスクかお客様のディスクを入れてください。</translation>
    </message>
    <message>
        <source>No staging folder could be made in %1: %2</source>
        <translation>%1 に作業フォルダーを作成できませんでした: %2</translation>
    </message>
    <message>
        <source>The disc was written and verified, but the catalog could not record it (the albums stay as they were): </source>
        <translation>ディスクは書き込み・検証しましたが、カタログに登録できませんでした（アルバムは元のままです）: </translation>
    </message>
    <message>
        <source>The medium in %1 is too small for this session (%2). Nothing was recorded; insert a larger or blank disc, or burn fewer albums with --albums.</source>
        <translation>%1 のメディアはこのセッションには小さすぎます（%2）。何も記録していません。より大きいディスクか空のディスクを入れるか、--albums で記録するアルバムを減らしてください。</translation>
    </message>
    <message>
        <source>The burn was cancelled; the albums stay expired, ready to burn again.</source>
        <translation>記録を中止しました。アルバムは期限切れのままで、もう一度記録できます。</translation>
    </message>
    <message>
        <source>Writing to %1 failed: %2. Nothing was recorded; the albums stay expired. Try again with another disc.</source>
        <translation>%1 への書き込みに失敗しました: %2。何も記録していません。アルバムは期限切れのままです。別のディスクでもう一度お試しください。</translation>
    </message>
    <message>
        <source>Verification was cancelled; the albums stay expired, ready to burn again.</source>
        <translation>検証を中止しました。アルバムは期限切れのままで、もう一度記録できます。</translation>
    </message>
    <message>
        <source>The disc in %1 failed verification: %2%3. Nothing was recorded; the albums stay expired. Burn again on a new disc.</source>
        <translation>%1 のディスクは検証に失敗しました: %2%3。何も記録していません。アルバムは期限切れのままです。新しいディスクにもう一度記録してください。</translation>
    </message>
    <message>
        <source>This burn needs %1 discs, and the image file %2 for disc %3 exists already. Nothing was written: move it away, or name another image file.</source>
        <translation>この記録にはディスクが %1 枚必要ですが、ディスク %3 用のイメージファイル %2 がすでにあります。何も書き込んでいません。ファイルを移動するか、別のイメージファイルを指定してください。</translation>
    </message>
    <message>
        <source>Disc %1 of %2 was not recorded: %3 The discs before it (%4) are recorded and verified; burn again for the albums left.</source>
        <translation>ディスク %1 / %2 は記録されませんでした: %3 それより前のディスク（%4）は記録・検証済みです。残りのアルバムをもう一度記録してください。</translation>
    </message>
    <message>
        <source>The disc in %1 does not hold the photos its manifest lists (%2): their stored originals are damaged, or changed while burning, since their bytes are not those handed in. Nothing was recorded; the albums stay expired. Run keepsakectl check, and hand damaged photos in again from the customer&apos;s card or a backup.</source>
        <translation>%1 のディスクには、目録に記載された写真 (%2) が正しく入っていません。保存されている元の写真が破損しているか、書き込み中に変わりました（受け付けたときのデータと一致しません）。何も記録されず、アルバムは期限切れのままです。keepsakectl check を実行し、破損した写真をお客様のカードまたはバックアップから受け付け直してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Cameras</name>
    <message>
        <source>The camera&apos;s body serial &quot;%1&quot; (make &quot;%2&quot;) is not usable: give the serial as the camera shows it, on one line, at most 64 characters.</source>
        <translation>カメラ本体のシリアル番号「%1」（メーカー「%2」）は使えません。カメラに表示されるとおりのシリアル番号を、1 行、64 文字以内で指定してください。</translation>
    </message>
    <message>
        <source>The camera %1 is registered already. Remove it first (keepsakectl camera remove --serial %1) to register it for another device.</source>
        <translation>カメラ %1 はすでに登録されています。別のデバイスに登録するには、先に登録を削除してください（keepsakectl camera remove --serial %1）。</translation>
    </message>
    <message>
        <source>The camera %1 was registered but cannot be read back.</source>
        <translation>カメラ %1 は登録しましたが、登録内容を読み戻せません。</translation>
    </message>
    <message>
        <source>No camera with the body serial %1 is registered. See: keepsakectl camera list</source>
        <translation>本体シリアル番号 %1 のカメラは登録されていません。keepsakectl camera list を参照してください</translation>
    </message>
</context>
<context>
    <name>Keepsake::CaptionedPhotos</name>
    <message>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <source>%1
Caption: %2</source>
        <translation>%1
キャプション：%2</translation>
    </message>
</context>
<context>
    <name>Keepsake::CardWalk</name>
    <message>
        <source>it is a symbolic link to the folder %1; only folders on the card itself are looked into: copy the photos onto the card instead</source>
        <translation>フォルダー %1 へのシンボリックリンクです。カード上のフォルダーだけを読み込みます。写真をカードにコピーしてください</translation>
    </message>
    <message>
        <source>it is a symbolic link (to %1); only files stored on the card itself are taken in: copy the photo onto the card instead</source>
        <translation>シンボリックリンク（%1 へ）です。カード上に保存されたファイルだけを受け付けます。写真をカードにコピーしてください</translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO), not a file; nothing was read from it</source>
        <translation>名前付きパイプ（FIFO）でファイルではありません。何も読み込んでいません</translation>
    </message>
    <message>
        <source>it is a socket, not a file; nothing was read from it</source>
        <translation>ソケットでファイルではありません。何も読み込んでいません</translation>
    </message>
    <message>
        <source>it is a device file, not a photo; nothing was read from it</source>
        <translation>デバイスファイルで写真ではありません。何も読み込んでいません</translation>
    </message>
    <message>
        <source>it is not a regular file; nothing was read from it</source>
        <translation>通常のファイルではありません。何も読み込んでいません</translation>
    </message>
    <message>
        <source>the folder cannot be read (%1), so none of its photos were taken in; check its permissions and hand the card in again</source>
        <translation>フォルダーを読み取れません（%1）。その写真は受け付けていません。権限を確認して、もう一度カードを入れてください</translation>
    </message>
    <message>
        <source>its path leads outside the folder handed in; nothing was read from it</source>
        <translation>パスが受け付けたフォルダーの外を指しています。何も読み込んでいません</translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>ファイルを読み取れません（%1）</translation>
    </message>
</context>
<context>
    <name>Keepsake::Catalog</name>
    <message>
        <source>The folder %1 for the catalog cannot be created. Check the data folder&apos;s permissions.</source>
        <translation>カタログ用のフォルダー %1 を作成できません。データフォルダーの権限を確認してください。</translation>
    </message>
    <message>
        <source>The catalog %1 cannot be opened: %2. Check that it exists and that its server is running.</source>
        <translation>カタログ %1 を開けません: %2。カタログが存在し、サーバーが動いているか確認してください。</translation>
    </message>
    <message>
        <source>The catalog %1 cannot start a change: %2.</source>
        <translation>カタログ %1 で変更を開始できません: %2。</translation>
    </message>
    <message>
        <source>The catalog %1 did not keep a change: %2. Nothing was half-done; try again.</source>
        <translation>カタログ %1 に変更を保存できませんでした: %2。中途半端な変更は残っていません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The catalog %1 was made by a newer Keepsake (schema %2; this program knows up to %3). Update Keepsake.</source>
        <translation>カタログ %1 は新しい Keepsake で作成されています（スキーマ %2、このプログラムは %3 まで対応）。Keepsake を更新してください。</translation>
    </message>
    <message>
        <source>The catalog refused a change (%1). Check that the catalog is reachable and that this program may change it.</source>
        <translation>カタログが変更を拒否しました（%1）。カタログに接続でき、このプログラムに変更の権限があるか確認してください。</translation>
    </message>
    <message>
        <source>The catalog refused a change or a query (%1). Check that the catalog is reachable and not full; nothing was half-changed.</source>
        <translation>カタログが変更または問い合わせを拒否しました（%1）。カタログに接続でき、容量が不足していないか確認してください。中途半端な変更は残っていません。</translation>
    </message>
    <message>
        <source>The catalog has no change counter (catalog_version). Open it once with this version of Keepsake to bring its schema up to date.</source>
        <translation>カタログに変更カウンター（catalog_version）がありません。このバージョンの Keepsake で一度開いて、スキーマを最新の状態にしてください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::CatalogUrl</name>
    <message>
        <source>The catalog URL &quot;%1&quot; names no file: write sqlite:/path/to/catalog.sqlite.</source>
        <translation>カタログ URL「%1」にファイルが指定されていません。sqlite:/path/to/catalog.sqlite のように書いてください。</translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; is not understood: use sqlite:PATH or postgresql://USER[:PASS]@HOST:PORT/DB.</source>
        <translation>カタログ URL「%1」を解釈できません。sqlite:PATH または postgresql://USER[:PASS]@HOST:PORT/DB を使ってください。</translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; needs a user and a database name: postgresql://USER@HOST:PORT/DB.</source>
        <translation>カタログ URL「%1」にはユーザーとデータベース名が必要です: postgresql://USER@HOST:PORT/DB。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainFiles</name>
    <message>
        <source>Device %1 cannot read its own certificate, so it cannot fetch the photos other devices keep: %2</source>
        <translation>デバイス %1 は自身の証明書を読めないため、他のデバイスが保管している写真を取得できません: %2</translation>
    </message>
    <message>
        <source>Device %1 does not hold the file %2. Run keepsakectl check on device %1.</source>
        <translation>デバイス %1 にはファイル %2 がありません。デバイス %1 で keepsakectl check を実行してください。</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2. Make room in the data folder.</source>
        <translation>%1 を書き込めません: %2。データフォルダーの空き容量を確保してください。</translation>
    </message>
    <message>
        <source>The copy of file %1 from device %2 does not match its SHA-256 (%3 of %4 bytes came). Run keepsakectl check on device %2.</source>
        <translation>デバイス %2 から取得したファイル %1 のコピーが SHA-256 と一致しません（%4 バイト中 %3 バイトを受信）。デバイス %2 で keepsakectl check を実行してください。</translation>
    </message>
    <message>
        <source>Device %1 is still making the thumbnail of file %2: try again in a moment.</source>
        <translation>デバイス %1 はファイル %2 のサムネイルをまだ作成中です。しばらくしてからもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainRecords</name>
    <message>
        <source>%1  (this data folder)</source>
        <translation>%1  （このデータフォルダー）</translation>
    </message>
    <message>
        <source>%1  %2  paired %3, last seen %4</source>
        <translation>%1  %2  ペアリング %3、最終接続 %4</translation>
    </message>
    <message>
        <source>never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>%1  %2  → device %3</source>
        <translation>%1  %2  → デバイス %3</translation>
    </message>
    <message>
        <source>(any make)</source>
        <translation>（メーカー指定なし）</translation>
    </message>
    <message numerus="yes">
        <source>photo %1 (%2) → %3, waiting since %4, %n attempt(s)</source>
        <translation>
            <numerusform>写真 %1（%2）→ %3、%4 から待機中、試行 %n 回</numerusform>
        </translation>
    </message>
    <message>
        <source>; last error: %1</source>
        <translation>。最後のエラー: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::ClientMode</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  写真 %n 枚、%4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>（日付なし）</translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation>（不明なカメラ）</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>アルバム %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>アルバム %1 の写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Device:    %1
Customers: %2
Photos:    %3 in %4 stored files, %5</source>
        <translation>デバイス: %1
お客様:   %2
写真:     %3（保存ファイル %4、%5）</translation>
    </message>
    <message>
        <source>photo %1 to %2, waiting since %3, %4 attempt(s)%5</source>
        <translation>写真 %1 → %2、%3 から待機中、試行 %4 回%5</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded</source>
        <translation>
            <numerusform>転送待ちの写真 %n 枚</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::ConfigAuditCommands</name>
    <message>
        <source>settings kept in the catalog: set, get, list</source>
        <translation>カタログに保存された設定: set、get、list</translation>
    </message>
    <message>
        <source>Reads and changes the lab&apos;s settings (mail server, notice window, grace period, default rule).</source>
        <translation>ラボの設定（メールサーバー、お知らせの期間、猶予期間、既定のルール）を読み取り・変更します。</translation>
    </message>
    <message>
        <source>the setting, e.g. smtp.host</source>
        <translation>設定項目（例: smtp.host）</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>KEY</translation>
    </message>
    <message>
        <source>its new value (set)</source>
        <translation>新しい値（set）</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALUE</translation>
    </message>
    <message>
        <source>Use: config set KEY VALUE, config get KEY, config unset KEY or config list. See: keepsakectl config --help</source>
        <translation>config set KEY VALUE、config get KEY、config unset KEY、config list のいずれかを使ってください。keepsakectl config --help を参照してください</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (既定)</translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation>%1 を設定しました。</translation>
    </message>
    <message>
        <source>%1 is back to its default.</source>
        <translation>%1 を既定値に戻しました。</translation>
    </message>
    <message>
        <source>the audit trail: who did what, when</source>
        <translation>監査ログ: 誰がいつ何をしたか</translation>
    </message>
    <message>
        <source>Shows the audit trail: hand-ins, shares, notices sent or failed, extensions, recordings, verifications, restores, deletions.</source>
        <translation>監査ログを表示します: 受付、共有、送信済み・失敗したお知らせ、延長、記録、検証、復元、削除。</translation>
    </message>
    <message>
        <source>only this customer</source>
        <translation>このお客様のみ</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>only this album</source>
        <translation>このアルバムのみ</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>only from this day (or ISO time) on</source>
        <translation>この日（または ISO 形式の日時）以降のみ</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>--since takes a date like 2026-01-31, not &quot;%1&quot;.</source>
        <translation>--since には 2026-01-31 のような日付を指定してください（「%1」は使えません）。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>  album %1</source>
        <translation>  アルバム %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::Console</name>
    <message>
        <source>keepsakectl: %1</source>
        <translation>keepsakectl: %1</translation>
    </message>
    <message>
        <source>, %1:%2 left</source>
        <translation>、残り %1:%2</translation>
    </message>
</context>
<context>
    <name>Keepsake::CounterWindow</name>
    <message>
        <source>Keepsake — Counter</source>
        <translation>Keepsake — カウンター</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>データフォルダー: %1</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>ラボ(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>記録中</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>履歴(&amp;A)…</translation>
    </message>
    <message>
        <source>Mail settings…</source>
        <translation>メール設定…</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>顧客(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Keepsake::Ctl</name>
    <message>
        <source>Usage: %1</source>
        <translation>使い方: %1</translation>
    </message>
    <message>
        <source>
Example:
  %1
</source>
        <translation>
例:
  %1
</translation>
    </message>
    <message>
        <source>%1
See: %2 --help</source>
        <translation>%1
%2 --help を参照してください</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 には値が必要です。</translation>
    </message>
    <message>
        <source>
&apos;keepsakectl COMMAND --help&apos; shows a command&apos;s options and an example.
</source>
        <translation>
「keepsakectl コマンド --help」で各コマンドのオプションと例を表示します。
</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. See: keepsakectl --help</source>
        <translation>不明なコマンド「%1」です。keepsakectl --help を参照してください</translation>
    </message>
    <message>
        <source>keepsakectl %1 runs on a data folder, not against a device (--device): run it on the device itself.</source>
        <translation>keepsakectl %1 はデータフォルダーに対して実行するコマンドで、デバイス（--device）に対しては実行できません。デバイス上で直接実行してください。</translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation>--device にはデバイスのアドレスを https://HOST:PORT の形で指定してください（「%1」は使えません）。</translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this terminal&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation>--device には、デバイスの証明書のフィンガープリント（--fingerprint）とこの端末のトークン（--token）が必要です。デバイス上で keepsakectl terminal add が表示したものを指定してください。</translation>
    </message>
    <message>
        <source>Usage: keepsakectl [--data-dir DIR] [--catalog URL] [--json] [--quiet] COMMAND ...

Runs Keepsake&apos;s jobs without a window: hand-ins, checks, and later expiry, discs and prints.

Global options (before or after the command):
  --data-dir DIR   the lab&apos;s data folder (or KEEPSAKE_DATA_DIR; default %1)
  --catalog URL    sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)
  --json           one JSON object per line on stdout
  --quiet          no progress, errors only
  --device URL     run against a device service (or KEEPSAKE_DEVICE), with
  --fingerprint FP its certificate&apos;s SHA-256 (or KEEPSAKE_DEVICE_FINGERPRINT) and
  --token TOKEN    this terminal&apos;s token (or KEEPSAKE_DEVICE_TOKEN)
  --help, --version

Commands:
</source>
        <translation>使い方: keepsakectl [--data-dir DIR] [--catalog URL] [--json] [--quiet] コマンド ...

Keepsake の処理をウィンドウなしで実行します: 受付、チェック、期限処理、ディスク、印刷。

共通オプション（コマンドの前後どちらでも可）:
  --data-dir DIR   ラボのデータフォルダー（または KEEPSAKE_DATA_DIR。既定 %1）
  --catalog URL    sqlite:PATH または postgresql://USER@HOST:PORT/DB（または KEEPSAKE_CATALOG）
  --json           標準出力に 1 行 1 つの JSON オブジェクト
  --quiet          進行状況を出さず、エラーのみ
  --device URL     デバイスのサービスに対して実行（または KEEPSAKE_DEVICE）。次の 2 つも指定:
  --fingerprint FP デバイスの証明書の SHA-256（または KEEPSAKE_DEVICE_FINGERPRINT）
  --token TOKEN    この端末のトークン（または KEEPSAKE_DEVICE_TOKEN）
  --help, --version

コマンド:
</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerCommand</name>
    <message>
        <source>Adds a customer to the lab&apos;s catalog.</source>
        <translation>ラボのカタログにお客様を追加します。</translation>
    </message>
    <message>
        <source>the customer code printed on receipts (e.g. K-00042)</source>
        <translation>受付票に印刷されるお客様番号（例: K-00042）</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>お客様の名前</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>e-mail address for notices</source>
        <translation>お知らせ用のメールアドレス</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>PIN for the kiosk, 4 to 8 digits</source>
        <translation>キオスク用 PIN（4〜8 桁）</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>language for notices and prints (en, de, ja)</source>
        <translation>お知らせと印刷の言語（en、de、ja）</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>A customer needs --code and --name.</source>
        <translation>お客様には --code と --name が必要です。</translation>
    </message>
    <message>
        <source>Added customer %1</source>
        <translation>お客様 %1 を追加しました</translation>
    </message>
    <message>
        <source>Lists every customer.</source>
        <translation>すべてのお客様を一覧表示します。</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>お客様 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Shows a customer and the albums they can reach.</source>
        <translation>お客様と、そのお客様が見られるアルバムを表示します。</translation>
    </message>
    <message>
        <source>the customer code</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>Name one customer code.</source>
        <translation>お客様番号を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>home: %1</source>
        <translation>ホームデバイス: %1</translation>
    </message>
    <message>
        <source>add, change, list and show customers</source>
        <translation>お客様の追加・変更・一覧・表示</translation>
    </message>
    <message>
        <source>Usage: keepsakectl customer add|set|list|show ...
  add    a new customer
  set    change a customer&apos;s data
  list   every customer
  show   one customer with their albums
Example:
  keepsakectl customer add --code C1 --name &quot;Anna Berg&quot; --email anna@example.org
</source>
        <translation>使い方: keepsakectl customer add|set|list|show ...
  add    新しいお客様
  set    お客様の情報を変更
  list   すべてのお客様
  show   1 人のお客様とそのアルバム
例:
  keepsakectl customer add --code C1 --name &quot;Anna Berg&quot; --email anna@example.org
</translation>
    </message>
    <message>
        <source>Say what to do with customers: add, set, list or show. See: keepsakectl customer --help</source>
        <translation>お客様に対する操作を指定してください: add、set、list、show。keepsakectl customer --help を参照してください</translation>
    </message>
    <message>
        <source>the device that keeps the customer&apos;s photos</source>
        <translation>お客様の写真を保管するデバイス</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>DEVICE</translation>
    </message>
    <message>
        <source>Changes a customer&apos;s data; what is not given stays. An empty value (&quot;&quot;) removes an e-mail, phone, PIN, language, plan or home device.</source>
        <translation>お客様の情報を変更します。指定しなかった項目はそのままです。空の値（&quot;&quot;）を指定すると、メール、電話、PIN、言語、プラン、ホームデバイスを削除します。</translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation>新しいアルバムに適用する保管ルール</translation>
    </message>
    <message>
        <source>RULE</source>
        <translation>RULE</translation>
    </message>
    <message>
        <source>Changed customer %1</source>
        <translation>お客様 %1 を変更しました</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>新規顧客</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>顧客 %1</translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation>顧客を追加</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Customer code:</source>
        <translation>顧客コード:</translation>
    </message>
    <message>
        <source>as on the customer&apos;s card, e.g. K-00042</source>
        <translation>顧客カードの記載どおり（例: K-00042）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>氏名:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>メール:</translation>
    </message>
    <message>
        <source>for notices before albums expire</source>
        <translation>アルバムの保管期限前のお知らせ用</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>電話:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>暗証番号:</translation>
    </message>
    <message>
        <source>4 to 8 digits, to sign in at the kiosk (may stay empty)</source>
        <translation>4〜8 桁。キオスクでのサインイン用（空欄可）</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>プラン:</translation>
    </message>
    <message>
        <source>Home device:</source>
        <translation>ホーム端末:</translation>
    </message>
    <message>
        <source>The lab&apos;s language</source>
        <translation>ラボの言語</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>None: the lab&apos;s default rule</source>
        <translation>なし：ラボの既定ルール</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEditor</name>
    <message>
        <source>New customer…</source>
        <translation>新規顧客…</translation>
    </message>
    <message>
        <source>Add a customer: code, name, contact, language and plan</source>
        <translation>顧客を追加：コード、氏名、連絡先、言語、プラン</translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation>顧客を編集…</translation>
    </message>
    <message>
        <source>Change the name, contact, language or plan of the customer on show</source>
        <translation>表示中の顧客の氏名・連絡先・言語・プランを変更</translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation>暗証番号をリセット…</translation>
    </message>
    <message>
        <source>Give the customer on show a new PIN for the kiosk</source>
        <translation>表示中の顧客にキオスク用の新しい暗証番号を発行</translation>
    </message>
    <message>
        <source>Added customer %1 — %2.</source>
        <translation>顧客 %1 — %2 を追加しました。</translation>
    </message>
    <message>
        <source>Saved the details of %1 — %2.</source>
        <translation>%1 — %2 の情報を保存しました。</translation>
    </message>
    <message>
        <source>%1 — %2 has a new PIN.</source>
        <translation>%1 — %2 に新しい暗証番号を設定しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEdits</name>
    <message>
        <source>There is no retention rule named &quot;%1&quot;. See: keepsakectl rule list</source>
        <translation>「%1」という保管ルールはありません。keepsakectl rule list を参照してください</translation>
    </message>
    <message>
        <source>Customer %1 was not changed: %2 may not change this (a customer changes only their own name, contact, language and PIN; plan and home device are the lab&apos;s). Ask at the counter.</source>
        <translation>お客様 %1 は変更されませんでした。%2 はこれを変更できません（お客様が変更できるのはご自身の名前・連絡先・言語・PIN のみで、プランとホームデバイスはラボが決めます）。カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>Say what to change of customer %1: --name, --email, --phone, --pin, --lang, --plan or --home.</source>
        <translation>お客様 %1 の変更内容を指定してください: --name、--email、--phone、--pin、--lang、--plan、--home。</translation>
    </message>
    <message>
        <source>The customer %1 needs a name: it cannot be removed.</source>
        <translation>お客様 %1 には名前が必要です。名前は削除できません。</translation>
    </message>
    <message>
        <source>Customer %1 was not added: %2 may not add customers. New customers register at a kiosk or at the counter.</source>
        <translation>顧客 %1 は追加されませんでした：%2 には顧客を追加する権限がありません。新規顧客の登録はキオスクまたはカウンターで行います。</translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerPanel</name>
    <message>
        <source>Choose a customer on the left.</source>
        <translation>左のリストからお客様を選んでください。</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>共有先</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <source>Disc</source>
        <translation>ディスク</translation>
    </message>
    <message>
        <source>Hand in photos…</source>
        <translation>写真を受け付ける…</translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation>ディスクに記録…</translation>
    </message>
    <message>
        <source>Index print…</source>
        <translation>インデックスプリント…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>延長…</translation>
    </message>
    <message>
        <source>Re-send notice</source>
        <translation>お知らせを再送</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>電話: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>メール: %1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>プラン: %1</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>%1 からのお客様</translation>
    </message>
    <message>
        <source>%1 (shared by %2)</source>
        <translation>%1（%2 から共有）</translation>
    </message>
    <message numerus="yes">
        <source>All %n photo(s) of the customer</source>
        <translation>
            <numerusform>お客様の写真すべて（%n 枚）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the chosen albums</source>
        <translation>
            <numerusform>選んだアルバムの写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in photos from</source>
        <translation>写真の取り込み元</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%2 ファイル中 %1</translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 rejected.</source>
        <translation>新規 %1、受付済み %2、新しい版 %3、不可 %4。</translation>
    </message>
    <message>
        <source>Handing in photos for %1</source>
        <translation>%1 の写真を受け付けています</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>送信済み %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>失敗 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>送信待ち %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>The albums were not changed</source>
        <translation>アルバムは変更されませんでした</translation>
    </message>
    <message>
        <source>Bring %1 back from the grace period? The album becomes active again and is dated by its rule from today; its disc stays recorded.</source>
        <translation>%1 を猶予期間から元に戻しますか？アルバムは再び有効になり、日付は今日からルールに従って決まります。ディスクは記録済みのままです。</translation>
    </message>
    <message>
        <source>Restored: %1.</source>
        <translation>元に戻しました: %1。</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延長</translation>
    </message>
    <message>
        <source>Keep the chosen album(s) how many days longer?</source>
        <translation>選んだアルバムの保管を何日延長しますか？</translation>
    </message>
    <message numerus="yes">
        <source>Extended by %n day(s).</source>
        <translation>
            <numerusform>%n 日延長しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>No mail server is set up: enter one under Lab › Settings.</source>
        <translation>メールサーバーが設定されていません。ラボ › 設定 で設定してください。</translation>
    </message>
    <message>
        <source>Index print</source>
        <translation>インデックスプリント</translation>
    </message>
    <message>
        <source>copy deleted on %1</source>
        <translation>控えの削除日: %1</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>受付票</translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored. Making thumbnails…</source>
        <translation>
            <numerusform>カードを取り出せます：%n 枚の写真を保存しました。サムネイルを作成しています…</numerusform>
        </translation>
    </message>
    <message>
        <source>The card may be removed. Thumbnails: %1 of %2.</source>
        <translation>カードを取り出せます。サムネイル：%2 枚中 %1 枚。</translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail, or an order by its pickup code</source>
        <translation>顧客をコード・氏名・電話・メールで、注文を受取コードで検索</translation>
    </message>
    <message>
        <source>Notices about %1: %2 sent, %3 failed, %4 waiting.</source>
        <translation>%1 へのお知らせ：送信済み %2 件、失敗 %3 件、待機中 %4 件。</translation>
    </message>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation>受取コード %1：%2 — %3（%4）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Customers</name>
    <message>
        <source>There is already a customer with the code %1.</source>
        <translation>お客様番号 %1 のお客様はすでに登録されています。</translation>
    </message>
    <message>
        <source>There is no customer with the code %1. Check the code, or add the customer first.</source>
        <translation>お客様番号 %1 のお客様はいません。番号を確認するか、先にお客様を登録してください。</translation>
    </message>
    <message>
        <source>There is no customer number %1.</source>
        <translation>お客様番号 %1 はありません。</translation>
    </message>
    <message>
        <source>The customers cannot be read from the catalog: %1.</source>
        <translation>カタログからお客様を読み込めません: %1。</translation>
    </message>
    <message>
        <source>The customer code &quot;%1&quot; is not usable: use 1 to 32 letters, digits, dots, dashes or underscores, e.g. K-00042.</source>
        <translation>お客様番号「%1」は使えません。英字・数字・ピリオド・ハイフン・アンダースコアを 1〜32 文字で指定してください（例: K-00042）。</translation>
    </message>
    <message>
        <source>The customer %1 needs a name.</source>
        <translation>お客様 %1 には名前が必要です。</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>PIN は 4〜8 桁です。</translation>
    </message>
    <message>
        <source>The name of customer %1 holds a line break or another control character: type it on one line.</source>
        <translation>顧客 %1 の名前に改行などの制御文字が含まれています。1 行で入力してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DashboardPanel</name>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>まもなく期限</translation>
    </message>
    <message>
        <source>Expired, waiting for their disc</source>
        <translation>期限切れ・ディスク待ち</translation>
    </message>
    <message>
        <source>In their grace period after recording</source>
        <translation>記録後の猶予期間中</translation>
    </message>
    <message>
        <source>Notices that failed</source>
        <translation>送信できなかったお知らせ</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>アルバム %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登録日</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation>ディスクに記録…</translation>
    </message>
    <message>
        <source>Confirm registration</source>
        <translation>登録を確認</translation>
    </message>
    <message>
        <source>Registered at the kiosk, to confirm</source>
        <translation>キオスクで登録・確認待ち</translation>
    </message>
    <message>
        <source>Registration of %1 confirmed.</source>
        <translation>%1 の登録を確認しました。</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Photos stored</source>
        <translation>保存済みの写真</translation>
    </message>
    <message>
        <source>Hand-ins that stopped: hand these cards in again</source>
        <translation>中断された受け付け: これらのカードをもう一度受け付けてください</translation>
    </message>
    <message>
        <source>interrupted: the program ended before the hand-in did</source>
        <translation>中断: 受け付けの完了前にプログラムが終了しました</translation>
    </message>
    <message>
        <source>stopped on an error</source>
        <translation>エラーで停止しました</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>応答</translation>
    </message>
    <message>
        <source>Photos waiting to go there</source>
        <translation>転送待ちの写真</translation>
    </message>
    <message>
        <source>Devices of the chain</source>
        <translation>チェーンのデバイス</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1（このデバイス）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Copy deleted on</source>
        <translation>控えの削除日</translation>
    </message>
    <message numerus="yes">
        <source>%n expiring soon</source>
        <translation>
            <numerusform>まもなく期限 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for their disc</source>
        <translation>
            <numerusform>ディスク待ち %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in their grace period</source>
        <translation>
            <numerusform>猶予期間中 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed mail(s)</source>
        <translation>
            <numerusform>送信失敗のメール %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting to go out</source>
        <translation>
            <numerusform>送信待ちのメール %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kiosk registration(s) to confirm</source>
        <translation>
            <numerusform>確認待ちのキオスク登録 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting</source>
        <translation>
            <numerusform>送信待ちのメール %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) failed</source>
        <translation>
            <numerusform>送信失敗のメール %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — no mail server set</source>
        <translation>%1 — メールサーバーが設定されていません</translation>
    </message>
    <message>
        <source>%1 — the mail server said: %2</source>
        <translation>%1 — メールサーバーの応答: %2</translation>
    </message>
    <message>
        <source>Enter the lab&apos;s mail server under Lab › Settings.</source>
        <translation>ラボ › 設定 でラボのメールサーバーを入力してください。</translation>
    </message>
    <message>
        <source>Check the mail server under Lab › Settings, then Re-send notice.</source>
        <translation>ラボ › 設定 でメールサーバーを確認してから、「お知らせを再送」を押してください。</translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation>%1 に記録</translation>
    </message>
</context>
<context>
    <name>Keepsake::DayDashboard</name>
    <message>
        <source>The day&apos;s albums cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation>本日のアルバムをカタログから読み込めません: %1。カタログに接続できるか確認してください。</translation>
    </message>
    <message>
        <source>The day&apos;s hand-ins cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation>当日の受け付けをカタログから読み込めません: %1。カタログに接続できるか確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceClient</name>
    <message>
        <source>The device answered something that is not JSON.</source>
        <translation>デバイスの応答が JSON ではありません。</translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint is missing or malformed: give the 64 hex digits that device init or terminal add printed (--fingerprint).</source>
        <translation>デバイスの証明書のフィンガープリントがないか、形式が正しくありません。device init または terminal add が表示した 16 進数 64 桁を指定してください（--fingerprint）。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message>
        <source>libcurl could not start a transfer.</source>
        <translation>libcurl で転送を開始できませんでした。</translation>
    </message>
    <message>
        <source>The device at %1 shows a certificate with fingerprint %2, not the pinned %3: nothing was sent. Check the device&apos;s address and fingerprint (keepsakectl device list on the device).</source>
        <translation>%1 のデバイスが示した証明書のフィンガープリントは %2 で、固定された %3 ではありません。何も送信していません。デバイスのアドレスとフィンガープリントを確認してください（デバイス上で keepsakectl device list）。</translation>
    </message>
    <message>
        <source>The device at %1 answered more than a client takes.</source>
        <translation>%1 のデバイスの応答が、クライアントが受け取れる量を超えています。</translation>
    </message>
    <message>
        <source>The device at %1 cannot be reached: %2.</source>
        <translation>%1 のデバイスに接続できません: %2。</translation>
    </message>
    <message>
        <source>The device at %1 refused this terminal: %2 Pair it again (keepsakectl terminal add on the device) and use the new token.</source>
        <translation>%1 のデバイスがこの端末を拒否しました: %2 もう一度ペアリングして（デバイス上で keepsakectl terminal add）、新しいトークンを使ってください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceCommands</name>
    <message>
        <source>this data folder as a device of the chain: init, list, remove</source>
        <translation>このデータフォルダーをチェーンのデバイスとして使う: init、list、remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl device init|list|remove ...
  init    make this data folder a device: key, certificate, registration
  list    the devices of this catalog
  remove  take a device that holds no photos out of the chain
Example:
  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443
</source>
        <translation>使い方: keepsakectl device init|list|remove ...
  init    このデータフォルダーをデバイスにする: 鍵、証明書、登録
  list    このカタログのデバイス
  remove  写真を保管していないデバイスをチェーンから外す
例:
  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443
</translation>
    </message>
    <message>
        <source>Say what to do with devices: init, list or remove. See: keepsakectl device --help</source>
        <translation>デバイスに対する操作を指定してください: init、list、remove。keepsakectl device --help を参照してください</translation>
    </message>
    <message>
        <source>Makes this data folder a device of the chain: its TLS key (device-key.pem, readable by the owner only) and self-signed certificate (device-cert.pem), registered in the catalog with its URL and the certificate&apos;s fingerprint.</source>
        <translation>このデータフォルダーをチェーンのデバイスにします。TLS の鍵（device-key.pem、所有者のみ読み取り可）と自己署名証明書（device-cert.pem）を作り、URL と証明書のフィンガープリントとともにカタログに登録します。</translation>
    </message>
    <message>
        <source>the device&apos;s name in the chain</source>
        <translation>チェーン内でのデバイス名</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>where terminals and the other devices reach it</source>
        <translation>端末や他のデバイスからの接続先</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A device needs --name and --url (https://HOST:PORT).</source>
        <translation>デバイスには --name と --url（https://HOST:PORT）が必要です。</translation>
    </message>
    <message>
        <source>This data folder is now device %1 at %2.
Certificate fingerprint (SHA-256): %3</source>
        <translation>このデータフォルダーは %2 のデバイス %1 になりました。
証明書のフィンガープリント（SHA-256）: %3</translation>
    </message>
    <message>
        <source>
It kept the key and certificate it had.</source>
        <translation>
これまでの鍵と証明書をそのまま使います。</translation>
    </message>
    <message numerus="yes">
        <source>
%n photo(s) stored here before are now kept on this device.</source>
        <translation>
            <numerusform>
これまでここに保存されていた写真 %n 枚は、今後このデバイスに保管されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Lists the devices of this catalog.</source>
        <translation>このカタログのデバイスを一覧表示します。</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>デバイス %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes a device out of the chain: refused while it holds photos, owes or awaits forwards, or cameras or customers name it. Its terminals are revoked with it.</source>
        <translation>デバイスをチェーンから外します。写真を保管している間、未完了の転送がある間、カメラやお客様がそのデバイスを指定している間は拒否されます。そのデバイスの端末もあわせて無効になります。</translation>
    </message>
    <message>
        <source>the device&apos;s name</source>
        <translation>デバイス名</translation>
    </message>
    <message>
        <source>Name one device to remove.</source>
        <translation>削除するデバイスを 1 つ指定してください。</translation>
    </message>
    <message>
        <source>Device %1 removed from the chain.</source>
        <translation>デバイス %1 をチェーンから外しました。</translation>
    </message>
    <message>
        <source>terminals paired with this device: add, list, remove</source>
        <translation>このデバイスとペアリングした端末: add、list、remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl terminal add|list|remove ...
  add     pair a kiosk, station or counter with this device; shows its token once
  list    the terminals paired with this device
  remove  revoke a terminal&apos;s token at once
Example:
  keepsakectl terminal add kiosk-1 --kind kiosk
</source>
        <translation>使い方: keepsakectl terminal add|list|remove ...
  add     キオスク、ステーション、カウンターをこのデバイスとペアリングし、トークンを一度だけ表示
  list    このデバイスとペアリングした端末
  remove  端末のトークンを直ちに無効にする
例:
  keepsakectl terminal add kiosk-1 --kind kiosk
</translation>
    </message>
    <message>
        <source>Say what to do with terminals: add, list or remove. See: keepsakectl terminal --help</source>
        <translation>端末に対する操作を指定してください: add、list、remove。keepsakectl terminal --help を参照してください</translation>
    </message>
    <message>
        <source>%1 is not a device, so no terminal can be paired with it. Make it one first: keepsakectl device init --name NAME --url https://HOST:PORT</source>
        <translation>%1 はデバイスではないため、端末をペアリングできません。先にデバイスにしてください: keepsakectl device init --name NAME --url https://HOST:PORT</translation>
    </message>
    <message>
        <source>Pairs a terminal with this device and shows its token, this once: the device keeps only a hash of it. A counter or station acts as the clerk; a kiosk only for a customer signed in on it.</source>
        <translation>端末をこのデバイスとペアリングし、そのトークンを今回だけ表示します。デバイスにはトークンのハッシュだけが保存されます。カウンターとステーションはスタッフとして操作し、キオスクはそこでサインインしたお客様のためにのみ操作します。</translation>
    </message>
    <message>
        <source>the terminal&apos;s name</source>
        <translation>端末名</translation>
    </message>
    <message>
        <source>kiosk (the default), station or counter</source>
        <translation>kiosk（既定）、station、counter</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <source>Name one terminal to pair.</source>
        <translation>ペアリングする端末を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>Unknown terminal kind &quot;%1&quot;: say kiosk, station or counter.</source>
        <translation>不明な端末の種類「%1」です。kiosk、station、counter のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>Terminal %1 (%2) paired with device %3.
URL:         %4
Fingerprint: %5
Token:       %6
The token is shown this once; keep it on the terminal only.</source>
        <translation>端末 %1（%2）をデバイス %3 とペアリングしました。
URL:                %4
フィンガープリント: %5
トークン:           %6
トークンが表示されるのは今回だけです。端末にのみ保管してください。</translation>
    </message>
    <message>
        <source>Lists the terminals paired with this device.</source>
        <translation>このデバイスとペアリングした端末を一覧表示します。</translation>
    </message>
    <message numerus="yes">
        <source>%n terminal(s)</source>
        <translation>
            <numerusform>端末 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Revokes a terminal at once: its token authenticates nothing from now on, and the customers signed in on it are signed out.</source>
        <translation>端末を直ちに無効にします。そのトークンでは今後何も認証されず、その端末でサインインしているお客様はサインアウトされます。</translation>
    </message>
    <message>
        <source>Name one terminal to remove.</source>
        <translation>削除する端末を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>Terminal %1 revoked: its token is no longer accepted.</source>
        <translation>端末 %1 を無効にしました。そのトークンは今後受け付けられません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceIdentity</name>
    <message>
        <source>%1 could not be written: %2. Check the data folder&apos;s free space and permissions.</source>
        <translation>%1 を書き込めませんでした: %2。データフォルダーの空き容量と権限を確認してください。</translation>
    </message>
    <message>
        <source>%1 is a device already (it has %2): a device keeps its key and fingerprint. Use another data folder for another device.</source>
        <translation>%1 はすでにデバイスです（%2 があります）。デバイスの鍵とフィンガープリントは変わりません。別のデバイスには別のデータフォルダーを使ってください。</translation>
    </message>
    <message>
        <source>The device&apos;s key and certificate could not be made (OpenSSL).</source>
        <translation>デバイスの鍵と証明書を作成できませんでした（OpenSSL）。</translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init there first.</source>
        <translation>%1 はデバイスではありません。先にそこで keepsakectl device init を実行してください。</translation>
    </message>
    <message>
        <source>The device&apos;s key or certificate in %1 cannot be read. Check their owner and permissions.</source>
        <translation>%1 にあるデバイスの鍵または証明書を読めません。所有者と権限を確認してください。</translation>
    </message>
    <message>
        <source>%1 is damaged: it holds no certificate.</source>
        <translation>%1 は破損しています。証明書が含まれていません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceServer</name>
    <message>
        <source>The device&apos;s key or certificate cannot be used for TLS.</source>
        <translation>デバイスの鍵または証明書を TLS に使えません。</translation>
    </message>
    <message>
        <source>The device service cannot listen on %1 port %2: %3. Is another program using the port?</source>
        <translation>デバイスのサービスが %1 のポート %2 で待ち受けできません: %3。別のプログラムがそのポートを使っていませんか？</translation>
    </message>
    <message>
        <source>This device answers only its paired terminals and the chain&apos;s devices: send a terminal token (keepsakectl terminal add).</source>
        <translation>このデバイスは、ペアリングした端末とチェーンのデバイスにのみ応答します。端末のトークンを送ってください（keepsakectl terminal add）。</translation>
    </message>
    <message>
        <source>Too many requests from this address: wait a minute.</source>
        <translation>このアドレスからのリクエストが多すぎます。1 分待ってください。</translation>
    </message>
    <message>
        <source>Method not allowed here.</source>
        <translation>このメソッドはここでは使えません。</translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation>そのパスはありません: %1</translation>
    </message>
    <message>
        <source>%1 may not do this.</source>
        <translation>%1 にはこの操作は許可されていません。</translation>
    </message>
    <message>
        <source>No such path.</source>
        <translation>そのパスはありません。</translation>
    </message>
    <message>
        <source>The file is gone.</source>
        <translation>ファイルがなくなっています。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceService</name>
    <message>
        <source>%1 has a device certificate that the catalog does not know (was the device removed?): run keepsakectl device init in a new data folder.</source>
        <translation>%1 にはカタログが知らないデバイス証明書があります（デバイスが削除されましたか？）。新しいデータフォルダーで keepsakectl device init を実行してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Devices</name>
    <message>
        <source>camera %1</source>
        <translation>カメラ %1</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>お客様 %1</translation>
    </message>
    <message>
        <source>The device name &quot;%1&quot; is not usable: use 1 to 64 letters, digits, dots, dashes or underscores, e.g. store-berlin.</source>
        <translation>デバイス名「%1」は使えません。英字・数字・ピリオド・ハイフン・アンダースコアを 1〜64 文字で指定してください（例: store-berlin）。</translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name, or remove that device first.</source>
        <translation>このカタログには %1 という名前のデバイスがすでにあります（%2）。別の名前を選ぶか、先にそのデバイスを削除してください。</translation>
    </message>
    <message>
        <source>The certificate with fingerprint %1 is registered already, as device %2. A device is registered once.</source>
        <translation>フィンガープリント %1 の証明書は、デバイス %2 としてすでに登録されています。デバイスの登録は 1 回だけです。</translation>
    </message>
    <message>
        <source>There is no device named %1 in this catalog. See: keepsakectl device list</source>
        <translation>このカタログに %1 という名前のデバイスはありません。keepsakectl device list を参照してください</translation>
    </message>
    <message>
        <source>There is no device number %1 in this catalog.</source>
        <translation>このカタログに番号 %1 のデバイスはありません。</translation>
    </message>
    <message>
        <source>No device of this catalog has the certificate fingerprint %1.</source>
        <translation>このカタログには、証明書のフィンガープリントが %1 のデバイスはありません。</translation>
    </message>
    <message>
        <source>Device %1 was not removed: it holds %2 photo(s), and %3 forward(s) to or from it are still owed. Its photos must stay reachable; a device that holds photos stays in the chain.</source>
        <translation>デバイス %1 は削除されませんでした。写真 %2 枚を保管しており、このデバイスとの間の転送が %3 件残っています。写真に到達できなくなってはいけないため、写真を保管しているデバイスはチェーンに残ります。</translation>
    </message>
    <message>
        <source>Device %1 was not removed: new photos are still routed to it by %2. Move them first (keepsakectl camera remove, keepsakectl customer set C --home DEVICE).</source>
        <translation>デバイス %1 は削除されませんでした。新しい写真がまだ %2 によってこのデバイスに振り分けられています。先に振り分け先を変えてください（keepsakectl camera remove、keepsakectl customer set C --home DEVICE）。</translation>
    </message>
    <message numerus="yes">
        <source>Device %1 was not removed: %n burn station job(s) of it or for it have not ended (keepsakectl jobs). Let them end or cancel them first.</source>
        <translation>
            <numerusform>デバイス %1 は削除されませんでした。このデバイスがステーションとして実行している、またはこのデバイスが依頼した記録ステーションのジョブ %n 件がまだ終了していません（keepsakectl jobs）。終了を待つか、先に中止してください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCheck</name>
    <message>
        <source>%1: listed in the manifest but not on the disc</source>
        <translation>%1: マニフェストに記載されていますが、ディスクにありません</translation>
    </message>
    <message>
        <source>%1: the disc records no MD5 for it</source>
        <translation>%1: ディスクに MD5 が記録されていません</translation>
    </message>
    <message>
        <source>%1: its MD5 on the disc (%2) is not the manifest&apos;s (%3)</source>
        <translation>%1: ディスク上の MD5（%2）がマニフェストの MD5（%3）と一致しません</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCommands</name>
    <message>
        <source>drives with their media</source>
        <translation>ドライブとメディア</translation>
    </message>
    <message>
        <source>Lists the optical drives of this machine with the disc in each (type, status, free space, erasable). An image file is always available as stdio:/path/disc.iso.</source>
        <translation>このコンピューターの光学ドライブと、各ドライブのディスク（種類、状態、空き容量、消去可否）を一覧表示します。イメージファイルはいつでも stdio:/path/disc.iso として使えます。</translation>
    </message>
    <message>
        <source>: %1, %2, %3 free%4</source>
        <translation>: %1、%2、空き %3%4</translation>
    </message>
    <message>
        <source>, erasable</source>
        <translation>、消去可能</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>No optical drives found. Image files: --drive stdio:/path/disc.iso</source>
        <translation>光学ドライブが見つかりません。イメージファイル: --drive stdio:/path/disc.iso</translation>
    </message>
    <message numerus="yes">
        <source>%n drive(s); image files: --drive stdio:/path/disc.iso</source>
        <translation>
            <numerusform>ドライブ %n 台。イメージファイル: --drive stdio:/path/disc.iso</numerusform>
        </translation>
    </message>
    <message>
        <source> into %1</source>
        <translation> → %1</translation>
    </message>
    <message>
        <source>, a later run with a new blank disc</source>
        <translation>、後で新しい空のディスクで実行</translation>
    </message>
    <message>
        <source>Disc %1 (%2%3%4): %5 of %6</source>
        <translation>ディスク %1（%2%3%4）: %5 / %6</translation>
    </message>
    <message>
        <source>, appended to the disc in the drive</source>
        <translation>、ドライブ内のディスクに追記</translation>
    </message>
    <message numerus="yes">
        <source>  album %1 &apos;%2&apos;: %n photo(s), %3</source>
        <translation>
            <numerusform>  アルバム %1「%2」: 写真 %n 枚、%3</numerusform>
        </translation>
    </message>
    <message>
        <source>record a customer&apos;s expired albums onto a disc</source>
        <translation>お客様の期限切れアルバムをディスクに記録する</translation>
    </message>
    <message>
        <source>Plans, writes and verifies a disc with the customer&apos;s expired albums (or the albums named). A disc the customer brought back gets a new session after its manifest and customer are checked. Albums count as recorded only after verification.

When the albums need several discs: an album larger than a whole disc is split in capture order into parts, folders &quot;DATE TITLE (1 of 2)&quot;, and counts as recorded once its last part is verified. With an image file every disc is burned in this run: disc 1 into the file named, disc N into NAME-N.iso beside it (these must not exist yet). With a real drive one disc is burned a run: insert the next blank disc and run the same command again; it plans what is still to record. Each disc is verified and recorded on its own.</source>
        <translation>お客様の期限切れアルバム（または指定したアルバム）でディスクを計画・書き込み・検証します。お客様が持参したディスクには、マニフェストとお客様を確認したうえで新しいセッションを追加します。アルバムは検証が済んで初めて記録済みになります。

アルバムに複数のディスクが必要な場合: ディスク 1 枚より大きいアルバムは撮影順に分割され、「DATE TITLE (1 of 2)」のフォルダーになり、最後の部分の検証が済むと記録済みになります。イメージファイルの場合、この実行ですべてのディスクを書き込みます。ディスク 1 は指定したファイルへ、ディスク N は隣の NAME-N.iso へ書き込みます（これらはまだ存在していてはいけません）。実際のドライブの場合、1 回の実行でディスク 1 枚を書き込みます。次の空のディスクを入れて同じコマンドをもう一度実行してください。まだ記録していないものを計画します。各ディスクはそれぞれ検証・記録されます。</translation>
    </message>
    <message>
        <source>the customer whose albums go onto the disc</source>
        <translation>ディスクに記録するアルバムのお客様</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>these albums instead of the expired ones</source>
        <translation>期限切れのアルバムの代わりにこれらのアルバム</translation>
    </message>
    <message>
        <source>ALBUM,...</source>
        <translation>ALBUM,...</translation>
    </message>
    <message>
        <source>the drive, or stdio:/path/image.iso</source>
        <translation>ドライブ、または stdio:/path/image.iso</translation>
    </message>
    <message>
        <source>DRIVE</source>
        <translation>DRIVE</translation>
    </message>
    <message>
        <source>the medium: cd, dvd, dvd-dl, bd, bd-dl (image file: dvd)</source>
        <translation>メディア: cd、dvd、dvd-dl、bd、bd-dl（イメージファイルは dvd）</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <source>the medium&apos;s capacity in bytes, for media not listed</source>
        <translation>一覧にないメディアの容量（バイト）</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>show the plan, write nothing</source>
        <translation>計画を表示するだけで、何も書き込まない</translation>
    </message>
    <message>
        <source>print index sheet and receipt there instead of PDFs</source>
        <translation>インデックスプリントと受付票を PDF ではなくこのプリンターで印刷する</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Say whose albums and which drive: --customer CODE --drive DRIVE.</source>
        <translation>お客様とドライブを指定してください: --customer CODE --drive DRIVE。</translation>
    </message>
    <message>
        <source>--capacity takes a number of bytes.</source>
        <translation>--capacity にはバイト数を指定してください。</translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: %n album(s) recorded and verified (%3 files); pickup code %4.</source>
        <translation>
            <numerusform>ディスク %1、セッション %2: アルバム %n 件を記録・検証しました（%3 ファイル）。受取コード %4。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) only in part: recorded once their last part is verified.</source>
        <translation>
            <numerusform>一部のみ記録したアルバム %n 件: 最後の部分の検証が済むと記録済みになります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>イメージ: %1</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>検証済み</translation>
    </message>
    <message>
        <source>written</source>
        <translation>書き込み済み</translation>
    </message>
    <message>
        <source>albums prepared</source>
        <translation>アルバム準備済み</translation>
    </message>
    <message>
        <source>Customer %1 has no expired albums: nothing to record.</source>
        <translation>お客様 %1 に期限切れのアルバムはありません。記録するものはありません。</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>試行のみ: 何も書き込んでいません。</translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) are planned: insert the next blank disc and run the same command again.</source>
        <translation>
            <numerusform>あと %n 枚のディスクを予定しています。次の空のディスクを入れて、同じコマンドをもう一度実行してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disc(s) written in %1 s, verified in %2 s.</source>
        <translation>
            <numerusform>ディスク %n 枚を %1 秒で書き込み、%2 秒で検証しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is recorded, but the prints failed: %1</source>
        <translation>ディスクは記録しましたが、印刷に失敗しました: %1</translation>
    </message>
    <message>
        <source>read a disc back and check its MD5s</source>
        <translation>ディスクを読み戻して MD5 を検証する</translation>
    </message>
    <message>
        <source>Reads the disc back and checks the session&apos;s MD5 and every file&apos;s recorded MD5, and that every photo KEEPSAKE.JSON lists carries the MD5 the manifest gives it.</source>
        <translation>ディスクを読み戻し、セッションの MD5 と各ファイルに記録された MD5、および KEEPSAKE.JSON に記載された各写真がマニフェストの MD5 と一致するかを検証します。</translation>
    </message>
    <message>
        <source>Name the drive: --drive DRIVE.</source>
        <translation>ドライブを指定してください: --drive DRIVE。</translation>
    </message>
    <message>
        <source>MISMATCH %1</source>
        <translation>不一致 %1</translation>
    </message>
    <message numerus="yes">
        <source>Session and %n file(s) match their recorded MD5s; %1 photo(s) match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>セッションと %n ファイルが記録された MD5 と一致し、写真 %1 枚がマニフェストの MD5 と一致しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>検証に失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verification failed: %n photo(s) on the disc do not match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>検証に失敗しました: ディスク上の写真 %n 枚がマニフェストの MD5 と一致しません。</numerusform>
        </translation>
    </message>
    <message>
        <source>show a disc&apos;s manifest (disc show --drive DRIVE)</source>
        <translation>ディスクのマニフェストを表示する（disc show --drive DRIVE）</translation>
    </message>
    <message>
        <source>Shows the manifest of a Keepsake disc: customer, lab, sessions, albums.</source>
        <translation>Keepsake ディスクのマニフェストを表示します: お客様、ラボ、セッション、アルバム。</translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation>サブコマンド</translation>
    </message>
    <message>
        <source>Say: keepsakectl disc show --drive DRIVE.</source>
        <translation>keepsakectl disc show --drive DRIVE と指定してください。</translation>
    </message>
    <message>
        <source>The disc in %1 is not a Keepsake disc (no manifest).</source>
        <translation>%1 のディスクは Keepsake ディスクではありません（マニフェストがありません）。</translation>
    </message>
    <message>
        <source>Disc %1 of customer %2 (%3), made by %4; signature: %5</source>
        <translation>ディスク %1、お客様 %2（%3）、作成: %4、署名: %5</translation>
    </message>
    <message>
        <source>this lab&apos;s</source>
        <translation>このラボのもの</translation>
    </message>
    <message>
        <source>NOT this lab&apos;s</source>
        <translation>このラボのものではありません</translation>
    </message>
    <message>
        <source>  session %1, %2:</source>
        <translation>  セッション %1、%2:</translation>
    </message>
    <message numerus="yes">
        <source>    %1: %n photo(s)</source>
        <translation>
            <numerusform>    %1: 写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be checked: this lab has no key yet, as it has made no disc</source>
        <translation>確認できません：この店はまだディスクを作成していないため、鍵がありません</translation>
    </message>
    <message>
        <source>the drives of this burn station of the chain</source>
        <translation>チェーン内のこの記録ステーションのドライブ</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>DEVICE</translation>
    </message>
    <message numerus="yes">
        <source>Station %1: %n drive(s); image files: --drive stdio:/absolute/path/disc.iso on the station.</source>
        <translation>
            <numerusform>ステーション %1: ドライブ %n 台。イメージファイル: ステーション上で --drive stdio:/absolute/path/disc.iso</numerusform>
        </translation>
    </message>
    <message>
        <source>record on this burn station of the chain (DRIVE as it names it)</source>
        <translation>チェーン内のこの記録ステーションで記録する（DRIVE はステーションでの名前で指定）</translation>
    </message>
    <message>
        <source>Job %1 queued on station %2 (drive %3).</source>
        <translation>ジョブ %1 をステーション %2 のキューに入れました（ドライブ %3）。</translation>
    </message>
    <message>
        <source>Nothing was recorded in the catalog: %1.</source>
        <translation>カタログには何も記録されませんでした：%1。</translation>
    </message>
    <message>
        <source>Disc %1 is recorded as verified: the lab&apos;s copies of its albums may be purged once their grace period ends.</source>
        <translation>ディスク %1 は検証済みとして記録されました。猶予期間が終わると、ラボにあるこのディスクのアルバムのコピーは削除される場合があります。</translation>
    </message>
    <message>
        <source>Disc %1 is recorded as not verified: the lab keeps its copies of the disc&apos;s albums. Verify the disc again, or restore the albums and burn them anew.</source>
        <translation>ディスク %1 は未検証として記録されました。このディスクのアルバムのコピーはラボに保持されます。ディスクを再検証するか、アルバムを復元して焼き直してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscDrive</name>
    <message>
        <source>The disc libraries could not start: %1</source>
        <translation>ディスク用ライブラリを開始できませんでした: %1</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空</translation>
    </message>
    <message>
        <source>appendable</source>
        <translation>追記可能</translation>
    </message>
    <message>
        <source>full (closed)</source>
        <translation>満杯（クローズ済み）</translation>
    </message>
    <message>
        <source>no usable disc</source>
        <translation>使えるディスクがありません</translation>
    </message>
    <message>
        <source>The drives could not be listed: %1</source>
        <translation>ドライブを一覧表示できませんでした: %1</translation>
    </message>
    <message>
        <source>There is no drive at %1 (%2). &apos;keepsakectl drives&apos; lists the drives; an image file is named stdio:/path/disc.iso.</source>
        <translation>%1 にドライブはありません（%2）。「keepsakectl drives」でドライブを一覧表示できます。イメージファイルは stdio:/path/disc.iso のように指定します。</translation>
    </message>
    <message>
        <source>The disc in %1 could not be read: %2. Check the disc and try again.</source>
        <translation>%1 のディスクを読めませんでした: %2。ディスクを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>%1 could not be read from the disc in %2: %3</source>
        <translation>%2 のディスクから %1 を読めませんでした: %3</translation>
    </message>
    <message>
        <source>%1 could not be put on the disc as %2: %3</source>
        <translation>%1 を %2 としてディスクに入れられませんでした: %3</translation>
    </message>
    <message>
        <source>The cover entry %1 could not be made: %2</source>
        <translation>表紙の項目 %1 を作成できませんでした: %2</translation>
    </message>
    <message>
        <source>A second drive was opened while this burn still holds one. Close the first drive before opening another; this is a fault in Keepsake, please report it.</source>
        <translation>この書き込みがドライブを使用中に、2 台目のドライブが開かれました。別のドライブを開く前に最初のドライブを閉じてください。これは Keepsake の不具合です。ご報告ください。</translation>
    </message>
    <message>
        <source>A disc is being recorded or read by this program right now. The drives can be listed when it is done.</source>
        <translation>このプログラムは現在ディスクの書き込みまたは読み取り中です。完了後にドライブを一覧表示できます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscLayout</name>
    <message>
        <source>%1 could not be prepared for the disc: %2. Check the free space of %3.</source>
        <translation>%1 をディスク用に準備できませんでした: %2。%3 の空き容量を確認してください。</translation>
    </message>
    <message>
        <source>No picture could be made of %1 for the disc&apos;s viewer: %2</source>
        <translation>ディスクのビューアー用に %1 の画像を作成できませんでした: %2</translation>
    </message>
    <message>
        <source>The viewer picture of %1 could not be saved to %2.</source>
        <translation>%1 のビューアー用画像を %2 に保存できませんでした。</translation>
    </message>
    <message>
        <source>Cancelled while preparing album &apos;%1&apos;.</source>
        <translation>アルバム「%1」の準備中に中止しました。</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%2 / %3）</translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) could not be read: %3. Check the store with keepsakectl check.</source>
        <translation>%1（アルバム「%2」）の保存済みオリジナルを読み込めませんでした: %3。keepsakectl check で保存領域を確認してください。</translation>
    </message>
    <message>
        <source>No MD5 could be computed for %1 (album &apos;%2&apos;).</source>
        <translation>%1（アルバム「%2」）の MD5 を計算できませんでした。</translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and this data folder cannot fetch files from other devices (it is no device of the chain, or its certificate cannot be read). Nothing was recorded; the albums stay expired. Burn on a device of the chain.</source>
        <translation>%1（アルバム「%2」）はデバイス %3 に保管されていますが、このデータフォルダーは他のデバイスからファイルを取得できません（チェーンのデバイスではないか、証明書を読めません）。何も記録されていません。アルバムは期限切れのままです。チェーンのデバイスで記録してください。</translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and it could not be fetched from there: %4 Nothing was recorded; the albums stay expired. Burn again once device %3 serves it (keepsakectl serve there, reachable from here).</source>
        <translation>%1（アルバム「%2」）はデバイス %3 に保管されていますが、そこから取得できませんでした: %4 何も記録されていません。アルバムは期限切れのままです。デバイス %3 がファイルを提供できるようになったら（そこで keepsakectl serve を実行し、ここから接続できる状態にして）もう一度記録してください。</translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) is damaged: its bytes are no longer those it was stored with (its size or checksum differs), so it cannot go onto a disc. Nothing was recorded. Run keepsakectl check, and hand the photo in again from the customer&apos;s card or a backup.</source>
        <translation>%1（アルバム「%2」）の保存された元の写真が破損しています。保存時のデータと一致しない（サイズまたはチェックサムが違う）ため、ディスクに書き込めません。何も記録されていません。keepsakectl check を実行し、お客様のカードまたはバックアップから写真を受け付け直してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscManifest</name>
    <message>
        <source>This disc&apos;s KEEPSAKE.JSON is not a Keepsake disc manifest.</source>
        <translation>このディスクの KEEPSAKE.JSON は Keepsake ディスクのマニフェストではありません。</translation>
    </message>
    <message>
        <source>another lab</source>
        <translation>別のラボ</translation>
    </message>
    <message>
        <source>This disc was made by %1, not by this lab (its manifest is signed with another key). Nothing can be added to it here: please use a new disc.</source>
        <translation>このディスクはこのラボではなく %1 で作成されています（マニフェストが別の鍵で署名されています）。ここでは追加できません。新しいディスクを使ってください。</translation>
    </message>
    <message>
        <source>This disc was made by this lab, but its manifest has been altered or damaged since (the signature no longer matches). Nothing can be added to it: please use a new disc.</source>
        <translation>このディスクはこのラボで作成されましたが、その後マニフェストが変更または破損しています（署名が一致しません）。追加できません。新しいディスクを使ってください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscPlanner</name>
    <message>
        <source>The disc in the drive has only %1 free; the albums need more. Insert a blank disc and burn again.</source>
        <translation>ドライブのディスクの空きは %1 しかなく、アルバムには足りません。空のディスクを入れて、もう一度記録してください。</translation>
    </message>
    <message>
        <source>The medium in the drive is too small: it has %1 free, and the smallest album needs more. Insert a larger or blank disc.</source>
        <translation>ドライブのメディアが小さすぎます。空きは %1 で、最も小さいアルバムにも足りません。より大きいディスクか空のディスクを入れてください。</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%2 / %3）</translation>
    </message>
    <message>
        <source>A photo of album &apos;%1&apos; (%2) is larger than a whole %3 (%4). Choose a larger medium with --media.</source>
        <translation>アルバム「%1」の写真（%2）が %3 1 枚分（%4）より大きいです。--media でより大きいメディアを選んでください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscRecord</name>
    <message>
        <source>No disc ID could be reserved in the catalog %1; try again.</source>
        <translation>カタログ %1 でディスク ID を予約できませんでした。もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscVerification</name>
    <message>
        <source>Only the lab verifies discs.</source>
        <translation>ディスクの検証はラボでのみ行えます。</translation>
    </message>
    <message>
        <source>Verification cancelled; nothing was recorded.</source>
        <translation>検証を中止しました。何も記録されていません。</translation>
    </message>
    <message>
        <source>The disc could not be read back: %1. Nothing was recorded; clean the disc and try again.</source>
        <translation>ディスクを読み戻せませんでした：%1。何も記録されていません。ディスクを清掃して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>the disc has no Keepsake manifest</source>
        <translation>ディスクに Keepsake のマニフェストがありません</translation>
    </message>
    <message>
        <source>%1: the manifest cannot be read</source>
        <translation>%1: マニフェストを読み取れません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the catalog records no disc %1</source>
        <translation>カタログにディスク %1 の記録がありません</translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscViewer</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>前の写真</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>次の写真</translation>
    </message>
    <message>
        <source>A browser cannot show this photo (%1). The original is on the disc:</source>
        <translation>この写真（%1）はブラウザーでは表示できません。オリジナルはディスクにあります:</translation>
    </message>
    <message>
        <source>Open the original file</source>
        <translation>オリジナルのファイルを開く</translation>
    </message>
    <message>
        <source>Your photos</source>
        <translation>あなたの写真</translation>
    </message>
    <message>
        <source>Your photos from %1</source>
        <translation>%1 のあなたの写真</translation>
    </message>
    <message>
        <source>All albums</source>
        <translation>すべてのアルバム</translation>
    </message>
    <message>
        <source>Disc %1</source>
        <translation>ディスク %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::EntryPage</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryCommands</name>
    <message numerus="yes">
        <source>album %1 &quot;%2&quot; (%3, %n photo(s)): %4 -&gt; %5, %6</source>
        <translation>
            <numerusform>アルバム %1「%2」（%3、写真 %n 枚）: %4 -&gt; %5、%6</numerusform>
        </translation>
    </message>
    <message>
        <source>; told: %1</source>
        <translation>。お知らせ先: %1</translation>
    </message>
    <message>
        <source>mailed %1 about album %2</source>
        <translation>アルバム %2 について %1 にメールしました</translation>
    </message>
    <message>
        <source>NOT mailed %1 about album %2, stays queued: %3</source>
        <translation>アルバム %2 について %1 にメールできませんでした。送信待ちのままです: %3</translation>
    </message>
    <message>
        <source>one expiry sweep: notices, expired albums</source>
        <translation>期限処理を 1 回実行: お知らせ、期限切れアルバム</translation>
    </message>
    <message>
        <source>Runs one expiry sweep: albums reaching their notice window become expiring and owner and viewers are told; albums past their date become expired. Then the mails go out.</source>
        <translation>期限処理を 1 回実行します。お知らせ期間に入ったアルバムは期限間近になり、持ち主と閲覧者にお知らせします。期日を過ぎたアルバムは期限切れになります。その後メールを送信します。</translation>
    </message>
    <message>
        <source>show what would change, change nothing, send nothing</source>
        <translation>変更内容を表示するだけで、変更も送信もしない</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) waiting in their notice window</source>
        <translation>
            <numerusform>お知らせ期間中のアルバム %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run, nothing changed: %1, %2, %3.</source>
        <translation>試行のみ、変更なし: %1、%2、%3。</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>お知らせ %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) would expire</source>
        <translation>
            <numerusform>期限切れになるアルバム %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3.</source>
        <translation>%1、%2、%3。</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) issued</source>
        <translation>
            <numerusform>お知らせ %n 件を発行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) expired</source>
        <translation>
            <numerusform>期限切れのアルバム %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>The notices are queued but were not delivered: %1 Run keepsakectl notify --retry later.</source>
        <translation>お知らせは送信待ちに入れましたが、届けられませんでした: %1 後で keepsakectl notify --retry を実行してください。</translation>
    </message>
    <message>
        <source> Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation> メール: 送信済み %1、失敗 %2、送信待ち %3。</translation>
    </message>
    <message>
        <source> No mail server is configured (smtp.host): the mails stay queued, terminal notices are stored.</source>
        <translation> メールサーバーが設定されていません（smtp.host）。メールは送信待ちのままで、端末向けのお知らせは保存されます。</translation>
    </message>
    <message>
        <source>deliver the notices the outbox holds</source>
        <translation>送信トレイのお知らせを配信する</translation>
    </message>
    <message>
        <source>Delivers queued notice mails whose time has come; --retry sends every waiting and failed one now.</source>
        <translation>送信時期になったお知らせメールを配信します。--retry を付けると、待機中・失敗したものもすべて今送信します。</translation>
    </message>
    <message>
        <source>also mails waiting for their next try, and failed ones</source>
        <translation>次の再試行を待っているメールと失敗したメールも送る</translation>
    </message>
    <message>
        <source>Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation>メール: 送信済み %1、失敗 %2、送信待ち %3。</translation>
    </message>
    <message>
        <source> No mail server is configured: set one with keepsakectl config set smtp.host HOST.</source>
        <translation> メールサーバーが設定されていません。keepsakectl config set smtp.host HOST で設定してください。</translation>
    </message>
    <message>
        <source>delete originals past their grace period on a verified disc</source>
        <translation>検証済みディスクに記録され猶予期間を過ぎたオリジナルを削除する</translation>
    </message>
    <message>
        <source>Deletes the stored originals of recorded albums whose disc was verified and whose grace period is over. The record of what went on which disc stays.</source>
        <translation>ディスクが検証済みで猶予期間が終わった記録済みアルバムの保存済みオリジナルを削除します。どのディスクに何を記録したかの記録は残ります。</translation>
    </message>
    <message>
        <source>only this album (refused, exit 4, when it may not go yet)</source>
        <translation>このアルバムのみ（まだ削除できない場合は拒否、終了コード 4）</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation>アルバムの持ち主（タイトルでアルバムを指定する場合）</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>show what would be deleted, delete nothing</source>
        <translation>削除対象を表示するだけで、何も削除しない</translation>
    </message>
    <message>
        <source>would purge</source>
        <translation>削除予定</translation>
    </message>
    <message>
        <source>purged</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>keeps</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>album %1 &quot;%2&quot; (%3): %4: %5</source>
        <translation>アルバム %1「%2」（%3）: %4: %5</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n album(s) would be purged (%1).</source>
        <translation>
            <numerusform>試行のみ: アルバム %n 件を削除予定（%1）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) purged (%1 freed).</source>
        <translation>
            <numerusform>アルバム %n 件を削除しました（%1 解放）。</numerusform>
        </translation>
    </message>
    <message>
        <source>run the sweeps on a timer until stopped</source>
        <translation>停止するまでタイマーで定期処理を実行する</translation>
    </message>
    <message>
        <source>seconds between rounds (default 3600)</source>
        <translation>各回の間隔（秒、既定 3600）</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>--interval takes a number of seconds from 0.05 to 604800.</source>
        <translation>--interval には 0.05〜604800 の秒数を指定してください。</translation>
    </message>
    <message>
        <source>Serving %1: a round every %2 s; stop with Ctrl-C.</source>
        <translation>%1 を処理中: %2 秒ごとに実行します。Ctrl+C で停止します。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>round: %1, %2 expired, mail %3 sent / %4 failed / %5 queued, %6 purged</source>
        <translation>実行: %1、期限切れ %2、メール 送信済み %3 / 失敗 %4 / 送信待ち %5、削除 %6</translation>
    </message>
    <message>
        <source>round failed: %1</source>
        <translation>処理に失敗しました: %1</translation>
    </message>
    <message>
        <source>Runs the expiry sweep, mail delivery and purge now and then every interval, until Ctrl-C or SIGTERM. On a device (keepsakectl device init) it also serves the device service over HTTPS and forwards photos to the devices that keep them.</source>
        <translation>期限処理・メール配信・削除処理を今すぐ実行し、その後 Ctrl+C か SIGTERM まで一定間隔で実行します。デバイス（keepsakectl device init）では、HTTPS でデバイスのサービスも提供し、写真を保管先のデバイスへ転送します。</translation>
    </message>
    <message>
        <source>address and port to serve on (default: from the device&apos;s URL)</source>
        <translation>サービスを提供するアドレスとポート（既定: デバイスの URL から）</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init --name NAME --url https://HOST:PORT first.</source>
        <translation>%1 はデバイスではありません。先に keepsakectl device init --name NAME --url https://HOST:PORT を実行してください。</translation>
    </message>
    <message>
        <source>--listen takes HOST:PORT, e.g. 127.0.0.1:8443.</source>
        <translation>--listen には HOST:PORT を指定してください（例: 127.0.0.1:8443）。</translation>
    </message>
    <message>
        <source>Device %1 serves on %2 (fingerprint %3).</source>
        <translation>デバイス %1 は %2 でサービスを提供しています（フィンガープリント %3）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryReason</name>
    <message>
        <source>rule &apos;%1&apos;, last viewed on %2</source>
        <translation>ルール「%1」、最終閲覧日 %2</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, not viewed since the hand-in on %2</source>
        <translation>ルール「%1」、%2 の受付以来閲覧なし</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, the customer&apos;s plan ends on %2</source>
        <translation>ルール「%1」、お客様のプランは %2 に終了</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, while the customer&apos;s plan lasts (no end date)</source>
        <translation>ルール「%1」、お客様のプランが続く間（終了日なし）</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, handed in on %2</source>
        <translation>ルール「%1」、%2 に受付</translation>
    </message>
    <message>
        <source>recorded on disc %1 on %2; hidden from customers, originals kept for the grace period</source>
        <translation>%2 にディスク %1 に記録。お客様には非表示で、オリジナルは猶予期間中保管</translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation>（名前なし）</translation>
    </message>
    <message>
        <source>recorded on disc %1; originals deleted on %2</source>
        <translation>ディスク %1 に記録。オリジナルは %2 に削除</translation>
    </message>
    <message>
        <source>kept: %1</source>
        <translation>保管: %1</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>%1 に期限切れ</translation>
    </message>
    <message>
        <source>expires on %1</source>
        <translation>%1 に期限切れ予定</translation>
    </message>
    <message>
        <source>%1: extended on %2 (%3)</source>
        <translation>%1: %2 に延長（%3）</translation>
    </message>
    <message>
        <source>%1: moved on %2 so that owner and viewers get the full notice (%3)</source>
        <translation>%1: 持ち主と閲覧者に十分な期間お知らせできるよう %2 に変更（%3）</translation>
    </message>
    <message>
        <source>%1: brought forward on %2, the customer is over the storage cap (%3)</source>
        <translation>%1: お客様が保存容量の上限を超えたため %2 に前倒し（%3）</translation>
    </message>
    <message>
        <source>%1: restored from its disc on %2, rule &apos;%3&apos; counted from then</source>
        <translation>%1: %2 にディスクから元に戻し、ルール「%3」をその日から適用</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpirySweep</name>
    <message>
        <source>the customer&apos;s albums under rule &apos;%1&apos; are over its cap of %2; the oldest go first: brought forward to %3</source>
        <translation>ルール「%1」のお客様のアルバムが上限 %2 を超えています。古いものから順に %3 に前倒ししました</translation>
    </message>
    <message>
        <source>expires on %1: owner and viewers were told on %2</source>
        <translation>%1 に期限切れ予定: 持ち主と閲覧者には %2 にお知らせ済み</translation>
    </message>
    <message numerus="yes">
        <source>expires on %1: notice window of %n day(s) reached</source>
        <translation>
            <numerusform>%1 に期限切れ予定: %n 日前のお知らせ期間に入りました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the notice went out less than %n day(s) ahead; the date moved so that owner and viewers get the full notice</source>
        <translation>
            <numerusform>お知らせが %n 日前より遅れて送られたため、持ち主と閲覧者に十分な期間お知らせできるよう日付を変更しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n day(s) notice)</source>
        <translation>
            <numerusform>%1 が期日でしたが誰にもお知らせしていなかったため、本日お知らせを発行し、日付を %2 に変更しました（お知らせ期間 %n 日）</numerusform>
        </translation>
    </message>
    <message>
        <source>expired at the end of %1; owner and viewers were told on %2; waits for its disc</source>
        <translation>%1 の終わりに期限切れ。持ち主と閲覧者には %2 にお知らせ済み。ディスク待ち</translation>
    </message>
    <message numerus="yes">
        <source>due on %1, less than %n day(s) away, and nobody had been told: notice issued today, date moved to %2</source>
        <translation>
            <numerusform>期日 %1 まで %n 日もなく、誰にもお知らせしていなかったため、本日お知らせを発行し、日付を %2 に変更しました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::FileInspector</name>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>ファイルを読めません（%1）</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>ファイルが空です（0 バイト）</translation>
    </message>
    <message>
        <source>the file cannot be read to its end (%1)</source>
        <translation>ファイルを最後まで読めません（%1）</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation>写真としては大きすぎるファイルです（%1 MB。Keepsake が受け付けるのは %2 MB までです）</translation>
    </message>
</context>
<context>
    <name>Keepsake::FileRoutes</name>
    <message>
        <source>A piece of a file needs its SHA-256, size and offset.</source>
        <translation>ファイルの断片には SHA-256、サイズ、オフセットが必要です。</translation>
    </message>
    <message>
        <source>A piece of a file needs its SHA-256, offset and length.</source>
        <translation>ファイルの断片には SHA-256、オフセット、長さが必要です。</translation>
    </message>
    <message>
        <source>This device does not hold the file %1.</source>
        <translation>このデバイスにはファイル %1 がありません。</translation>
    </message>
    <message>
        <source>The offset lies past the file&apos;s end.</source>
        <translation>オフセットがファイルの末尾を超えています。</translation>
    </message>
    <message>
        <source>A thumbnail is named by its file&apos;s SHA-256, and its size is grid or print.</source>
        <translation>サムネイルはファイルの SHA-256 で指定し、サイズは grid か print です。</translation>
    </message>
    <message>
        <source>This device does not keep the file %1, so it has no thumbnail of it.</source>
        <translation>このデバイスはファイル %1 を保管していないため、そのサムネイルはありません。</translation>
    </message>
    <message>
        <source>Name a file by its SHA-256.</source>
        <translation>ファイルは SHA-256 で指定してください。</translation>
    </message>
    <message>
        <source>%1 Make room on the device&apos;s disk.</source>
        <translation>%1 デバイスのディスクの空き容量を確保してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Forwarder</name>
    <message>
        <source>The device is stopping.</source>
        <translation>デバイスは停止中です。</translation>
    </message>
    <message>
        <source>The file of photo %1 (%2) is missing from this device&apos;s store: run keepsakectl check.</source>
        <translation>写真 %1（%2）のファイルがこのデバイスの保管庫にありません。keepsakectl check を実行してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::GPhotoCamera</name>
    <message>
        <source>another program is using the camera (a photo manager, or the desktop&apos;s file browser): close it, then unplug the camera and plug it in again</source>
        <translation>別のプログラム（写真管理ソフトやデスクトップのファイルブラウザー）がカメラを使用しています。そのプログラムを閉じてから、カメラを取り外してもう一度接続してください</translation>
    </message>
    <message>
        <source>the camera does not answer: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and try again</source>
        <translation>カメラが応答しません。取り外されたか、電源が切れたか、スリープ状態になった可能性があります。接続し直し、スリープを解除して（スマートフォンならロックを解除して）もう一度お試しください</translation>
    </message>
    <message>
        <source>the camera refused: a phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android). Unlock it, allow access, then unplug it and plug it in again</source>
        <translation>カメラに拒否されました。スマートフォンは、ロックが解除されていて、このコンピューターからのアクセスを許可している間だけ写真を表示します（iPhone では「信頼」、Android では「ファイル転送」または「PTP」）。ロックを解除してアクセスを許可し、取り外してからもう一度接続してください</translation>
    </message>
    <message>
        <source>it is not on the camera (any more)</source>
        <translation>カメラ上に（もう）ありません</translation>
    </message>
    <message>
        <source>the camera sent damaged data: try again</source>
        <translation>カメラから破損したデータが送られてきました。もう一度お試しください</translation>
    </message>
    <message>
        <source>no such camera model or port (`keepsakectl usb` lists the cameras connected now)</source>
        <translation>そのカメラの機種またはポートはありません（現在接続されているカメラは `keepsakectl usb` で一覧できます）</translation>
    </message>
    <message>
        <source>this computer ran out of memory</source>
        <translation>このコンピューターのメモリーが不足しました</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>中止しました</translation>
    </message>
    <message>
        <source>libgphoto2 could not do it; unplug the camera, plug it in again and try again</source>
        <translation>libgphoto2 で処理できませんでした。カメラを取り外して接続し直してから、もう一度お試しください</translation>
    </message>
    <message>
        <source>%1 cannot be opened</source>
        <translation>%1 を開けません</translation>
    </message>
    <message>
        <source>The cameras on USB cannot be listed</source>
        <translation>USB 接続のカメラを一覧できません</translation>
    </message>
    <message>
        <source>The folder %1 of %2 cannot be listed</source>
        <translation>%2 のフォルダー %1 を一覧できません</translation>
    </message>
    <message>
        <source>The files in %1 of %2 cannot be listed</source>
        <translation>%2 の %1 にあるファイルを一覧できません</translation>
    </message>
    <message>
        <source>%1 cannot be copied: no file descriptor is left.</source>
        <translation>%1 をコピーできません。空いているファイル記述子がありません。</translation>
    </message>
    <message>
        <source>%1 cannot be copied from %2</source>
        <translation>%1 を %2 からコピーできません</translation>
    </message>
    <message>
        <source>%1 could not be copied from %2</source>
        <translation>%1 を %2 からコピーできませんでした</translation>
    </message>
    <message>
        <source>%1 no longer answers: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and hand it in again: what was stored is recognised (libgphoto2: %2).</source>
        <translation>%1 が応答しなくなりました。取り外されたか、電源が切れたか、スリープ状態になった可能性があります。接続し直し、スリープを解除して（スマートフォンならロックを解除して）もう一度受け付けてください。保存済みの写真は認識されます（libgphoto2: %2）。</translation>
    </message>
    <message>
        <source>%1: %2 (libgphoto2: %3).</source>
        <translation>%1: %2（libgphoto2: %3）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinLiveness</name>
    <message>
        <source>The hand-in cannot mark itself as running in %1: %2. Check the data folder&apos;s permissions and free space.</source>
        <translation>受け付けを %1 で実行中として記録できません: %2。データフォルダーの権限と空き容量を確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReceipts</name>
    <message>
        <source>There is no hand-in %1, so there is no receipt to print.</source>
        <translation>お預かり %1 はないため、印刷する控えはありません。</translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 cannot be made: no temporary folder (%2). Check the free space of the temporary folder.</source>
        <translation>お預かり %1 の控えを作成できません: 一時フォルダーがありません（%2）。一時フォルダーの空き容量を確認してください。</translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 was made but cannot be read back: %2.</source>
        <translation>お預かり %1 の控えは作成されましたが、読み戻せません: %2。</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReception</name>
    <message>
        <source>%1 may not hand in photos for customer %2.</source>
        <translation>%1 はお客様 %2 の写真を受け付けることはできません。</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the data folder&apos;s free space and permissions.</source>
        <translation>スプールフォルダー %1 を作成できません。データフォルダーの空き容量と権限を確認してください。</translation>
    </message>
    <message>
        <source>No hand-in %1 is open here for this terminal: start the hand-in again.</source>
        <translation>この端末の受付 %1 はここでは開かれていません。受付をもう一度開始してください。</translation>
    </message>
    <message>
        <source>Offer at most %1 files at a time.</source>
        <translation>一度に提示できるファイルは %1 個までです。</translation>
    </message>
    <message>
        <source>The hand-in %1 takes no more files: it is %2.</source>
        <translation>受付 %1 はこれ以上ファイルを受け付けません（%2）。</translation>
    </message>
    <message>
        <source>A hand-in takes at most %1 files.</source>
        <translation>1 回の受付で受け付けられるファイルは %1 個までです。</translation>
    </message>
    <message>
        <source>a path or size the device does not take</source>
        <translation>デバイスが受け付けないパスまたはサイズ</translation>
    </message>
    <message>
        <source>%1: the device has %2 bytes of it; send from there.</source>
        <translation>%1: デバイスには %2 バイトまで届いています。その続きから送信してください。</translation>
    </message>
    <message>
        <source>%1 arrived damaged (its SHA-256 differs from the one sent with it): send it again.</source>
        <translation>%1 は破損して届きました（SHA-256 が一緒に送られた値と異なります）。もう一度送信してください。</translation>
    </message>
    <message>
        <source>%1 has not fully arrived (%2 of %3 bytes): send the rest first.</source>
        <translation>%1 はまだすべて届いていません（%3 バイト中 %2 バイト）。先に残りを送信してください。</translation>
    </message>
    <message>
        <source>%1 cannot be spooled: %2 Check the device&apos;s free space.</source>
        <translation>%1 を一時保存できません: %2 デバイスの空き容量を確認してください。</translation>
    </message>
    <message>
        <source>The hand-in %1 stopped: %2</source>
        <translation>受付 %1 は中断されました: %2</translation>
    </message>
    <message>
        <source>%1 was offered before and decided already</source>
        <translation>%1 はすでに提示され、判定済みです</translation>
    </message>
    <message>
        <source>%1 has arrived already with other bytes</source>
        <translation>%1 は別の内容ですでに届いています</translation>
    </message>
    <message>
        <source>%1 was not offered to this hand-in.</source>
        <translation>%1 はこの受付に提示されていません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinRoutes</name>
    <message>
        <source>A piece of a file needs a safe relative path and an offset.</source>
        <translation>ファイルの断片には安全な相対パスとオフセットが必要です。</translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinWriter</name>
    <message>
        <source>The catalog cannot start storing photos: %1.</source>
        <translation>カタログで写真の保存を開始できません: %1。</translation>
    </message>
    <message>
        <source>The catalog did not keep the stored photos (%1). They were not counted as received; hand the card in again.</source>
        <translation>カタログに保存した写真が残りませんでした（%1）。受付済みには数えていません。カードをもう一度受け付けてください。</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation>%1 を読み取れません (%2)。</translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation>%1 を最後まで読み取れません (%2)。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ImageDecoder</name>
    <message>
        <source>The file is empty.</source>
        <translation>ファイルが空です。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>ファイルを読めません: %1</translation>
    </message>
    <message>
        <source>The picture data is damaged: %1</source>
        <translation>画像データが破損しています: %1</translation>
    </message>
    <message>
        <source>The picture is too large to open safely (%1 × %2 pixels).</source>
        <translation>画像が大きすぎるため安全に開けません（%1 × %2 ピクセル）。</translation>
    </message>
    <message>
        <source>the file ends before any picture data</source>
        <translation>画像データの前でファイルが終わっています</translation>
    </message>
    <message>
        <source>the picture has no size</source>
        <translation>画像にサイズがありません</translation>
    </message>
    <message>
        <source>the HEIF decoder gave up</source>
        <translation>HEIF デコーダーが処理を中断しました</translation>
    </message>
    <message>
        <source>the HEIF decoder returned no picture</source>
        <translation>HEIF デコーダーが画像を返しませんでした</translation>
    </message>
    <message>
        <source>the file is a video (MP4 or QuickTime)</source>
        <translation>ファイルは動画です（MP4 または QuickTime）</translation>
    </message>
    <message>
        <source>the file is an AVIF picture</source>
        <translation>ファイルは AVIF 画像です</translation>
    </message>
    <message>
        <source>the file is a WebP picture</source>
        <translation>ファイルは WebP 画像です</translation>
    </message>
    <message>
        <source>the file is a GIF picture</source>
        <translation>ファイルは GIF 画像です</translation>
    </message>
    <message>
        <source>the file is a JPEG 2000 picture</source>
        <translation>ファイルは JPEG 2000 画像です</translation>
    </message>
    <message>
        <source>the file is a BMP picture</source>
        <translation>ファイルは BMP 画像です</translation>
    </message>
    <message>
        <source>the file is a PDF document</source>
        <translation>ファイルは PDF 文書です</translation>
    </message>
    <message>
        <source>its content is not a picture format Keepsake knows</source>
        <translation>Keepsake が扱える画像形式ではありません</translation>
    </message>
    <message>
        <source>This is not a photo Keepsake accepts: %1.</source>
        <translation>Keepsake で受け付けられる写真ではありません: %1。</translation>
    </message>
    <message>
        <source>camera RAW</source>
        <translation>カメラ RAW</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>the camera left no preview in this RAW file that Keepsake can show</source>
        <translation>この RAW ファイルには、Keepsake が表示できるカメラのプレビューがありません</translation>
    </message>
    <message>
        <source>The RAW picture data is incomplete (file truncated?): neither the camera&apos;s preview nor its raw data can be read from the file. Copy the photo from the camera again.</source>
        <translation>RAW 画像データが不完全です（ファイルが途中で切れている可能性があります）。カメラのプレビューも RAW データも読み取れません。カメラから写真をもう一度コピーしてください。</translation>
    </message>
    <message>
        <source>The RAW file is damaged: its structure sends the RAW reader round in circles, so it was not read to the end. Copy the photo from the camera again.</source>
        <translation>RAW ファイルが壊れています。構造のせいで RAW 読み取りが同じ所を回り続けるため、最後まで読み取れませんでした。カメラから写真をもう一度コピーしてください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ImportPage</name>
    <message>
        <source>New photos</source>
        <translation>新しい写真</translation>
    </message>
    <message>
        <source>Already handed in</source>
        <translation>受付済み</translation>
    </message>
    <message>
        <source>New versions of earlier photos</source>
        <translation>以前の写真の新しい版</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>受け付けできなかったもの</translation>
    </message>
    <message>
        <source>Reading your photos from %1</source>
        <translation>%1 から写真を読み込んでいます</translation>
    </message>
    <message>
        <source>same as %1</source>
        <translation>%1 と同じ</translation>
    </message>
    <message>
        <source>same as %1, on disc %2</source>
        <translation>%1 と同じ（ディスク %2）</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n ファイル</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. The photos read so far are kept.</source>
        <translation>中止しました。ここまでに読み込んだ写真は保管されます。</translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 not taken.</source>
        <translation>新規 %1、受付済み %2、新しい版 %3、受付不可 %4。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Show my albums</source>
        <translation>アルバムを見る</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) to read (%1)</source>
        <translation>
            <numerusform>読み込む写真 %n 枚（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n photo(s) read</source>
        <translation>
            <numerusform>%n 枚中 %1 枚を読み込みました</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Not all photos could be handed in.</source>
        <translation>一部の写真を受け付けできませんでした。</translation>
    </message>
    <message>
        <source>You may take your card now: every photo is stored. Previews are being made.</source>
        <translation>カードを取り出してください。すべての写真を保存しました。プレビューを作成しています。</translation>
    </message>
    <message>
        <source>You may take your card now. Previews: %1 of %2.</source>
        <translation>カードを取り出してください。プレビュー：%2 枚中 %1 枚。</translation>
    </message>
    <message>
        <source>Done. You may take your card.</source>
        <translation>完了しました。カードを取り出してください。</translation>
    </message>
    <message>
        <source>Copying your photos from %1</source>
        <translation>%1 から写真をコピーしています</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) copied</source>
        <translation>
            <numerusform>%n 個中 %1 個のファイルをコピーしました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You may unplug your camera or phone now: %n file(s) copied.</source>
        <translation>
            <numerusform>カメラまたはスマートフォンを取り外してください。%n 個のファイルをコピーしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be copied: see below.</source>
        <translation>
            <numerusform>%n 個のファイルをコピーできませんでした。詳しくは下をご覧ください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every photo is stored. Previews are being made.</source>
        <translation>すべての写真を保存しました。プレビューを作成しています。</translation>
    </message>
    <message>
        <source>Previews: %1 of %2.</source>
        <translation>プレビュー：%2 枚中 %1 枚。</translation>
    </message>
    <message>
        <source>Done. You may unplug your camera or phone.</source>
        <translation>完了しました。カメラまたはスマートフォンを取り外してください。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1.</source>
        <translation>保持しました：%1 にお預かりした写真と同じに見えます。</translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1 (%2).</source>
        <translation>保持しました：%1 にお預かりした写真と同じに見えます（%2）。</translation>
    </message>
    <message numerus="yes">
        <source>%n look(s) like photos you handed in before; they were kept.</source>
        <translation>
            <numerusform>%n 枚は以前お預かりした写真と同じに見えます。そのまま保持しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IndexSheet</name>
    <message>
        <source>The index sheet cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation>インデックスプリントを描画できません。プリンターまたは PDF ファイルを描画用に開けませんでした。</translation>
    </message>
    <message>
        <source>The printer or PDF file refused a new page; check the free space and try again.</source>
        <translation>プリンターまたは PDF ファイルが新しいページを受け付けませんでした。空き容量を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The index sheet was cancelled; nothing was printed.</source>
        <translation>インデックスプリントを中止しました。何も印刷していません。</translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation>写真はありません。</translation>
    </message>
    <message>
        <source>The index sheet could not be finished; check the free space and try again.</source>
        <translation>インデックスプリントを完成できませんでした。空き容量を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation>%1（お客様 %2）</translation>
    </message>
    <message>
        <source>Not yet on disc</source>
        <translation>まだディスクに記録されていません</translation>
    </message>
    <message>
        <source>Disc %1, recorded on %2</source>
        <translation>ディスク %1、%2 に記録</translation>
    </message>
    <message numerus="yes">
        <source>Album(s): %1</source>
        <translation>
            <numerusform>アルバム: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selection: %1 of %n photo(s)</source>
        <translation>
            <numerusform>選択: %n 枚中 %1 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>no picture</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>no capture date</source>
        <translation>撮影日なし</translation>
    </message>
    <message>
        <source>%1 · cover</source>
        <translation>%1 · 表紙</translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestCommand</name>
    <message>
        <source>hand in a card or folder for a customer</source>
        <translation>お客様のカードまたはフォルダーを受け付ける</translation>
    </message>
    <message>
        <source>the customer handing the photos in</source>
        <translation>写真を持ち込んだお客様</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>put every photo into the customer&apos;s album of this title</source>
        <translation>すべての写真をお客様のこのタイトルのアルバムに入れる</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>TITLE</translation>
    </message>
    <message>
        <source>store photos already received anyway</source>
        <translation>受付済みの写真も保存する</translation>
    </message>
    <message>
        <source>read every file whole (no header shortcut)</source>
        <translation>各ファイルを最後まで読む（ヘッダーによる省略なし）</translation>
    </message>
    <message>
        <source>do not make thumbnails now</source>
        <translation>今はサムネイルを作成しない</translation>
    </message>
    <message>
        <source>cards or folders to hand in</source>
        <translation>受け付けるカードまたはフォルダー</translation>
    </message>
    <message>
        <source>PATH...</source>
        <translation>PATH...</translation>
    </message>
    <message>
        <source>Say whose photos these are: --customer CODE.</source>
        <translation>どなたの写真か指定してください: --customer CODE。</translation>
    </message>
    <message>
        <source>files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Hand-in %1 for %2 (pickup code %3): %4 new, %5 already received, %6 new versions, %7 rejected; %8 stored in %9 s.</source>
        <translation>受付 %1（%2、受取コード %3）: 新規 %4、受付済み %5、新しい版 %6、受付不可 %7。%8 を %9 秒で保存しました。</translation>
    </message>
    <message>
        <source>Cancelled: the photos listed above are stored; hand the card in again to finish.</source>
        <translation>中止しました。上に表示した写真は保存済みです。残りはカードをもう一度受け付けてください。</translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored safely.</source>
        <translation>
            <numerusform>カードを取り出せます：%n 枚の写真を安全に保存しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation>サムネイル</translation>
    </message>
    <message>
        <source>Hands in the photos of a card or folder, or of a camera or phone on USB: stores the ones not received before and sorts them into albums.</source>
        <translation>カードやフォルダー、または USB 接続のカメラやスマートフォンの写真を受け付けます。まだ受け付けていない写真を保存し、アルバムに振り分けます。</translation>
    </message>
    <message>
        <source>hand in the camera or phone at this USB port (see: keepsakectl usb)</source>
        <translation>この USB ポートのカメラまたはスマートフォンを受け付ける（keepsakectl usb を参照）</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>its model, when autodetect does not name it</source>
        <translation>機種（自動検出で判別できない場合）</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>MODEL</translation>
    </message>
    <message>
        <source>Hand in either a card or folder, or a camera with --usb, not both.</source>
        <translation>カードまたはフォルダーか、--usb でカメラか、どちらか一方だけを受け付けてください（両方は指定できません）。</translation>
    </message>
    <message>
        <source>Name the card or folder to hand in, or a camera with --usb PORT.</source>
        <translation>受け付けるカードまたはフォルダー、または --usb PORT でカメラを指定してください。</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>コピー済み</translation>
    </message>
    <message numerus="yes">
        <source>The camera may be unplugged: %n file(s) copied from it.</source>
        <translation>
            <numerusform>カメラを取り外せます：%n 個のファイルをコピーしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) stored safely.</source>
        <translation>
            <numerusform>%n 枚の写真を安全に保存しました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestJob</name>
    <message>
        <source>Name the card or folder to hand in.</source>
        <translation>受け付けるカードまたはフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>%1 does not exist. Check the card is inserted and the path is right.</source>
        <translation>%1 は存在しません。カードが挿入され、パスが正しいか確認してください。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read. Check its permissions.</source>
        <translation>フォルダー %1 を読めません。権限を確認してください。</translation>
    </message>
    <message>
        <source>No hand-in could be started.</source>
        <translation>受付を開始できませんでした。</translation>
    </message>
    <message>
        <source>no picture could be read from the file</source>
        <translation>ファイルから画像を読み取れませんでした</translation>
    </message>
    <message>
        <source>a new version of %1 (photo %2): the same shot by its camera data, with other bytes</source>
        <translation>%1（写真 %2）の新しい版: カメラ情報では同じ撮影で、内容が異なります</translation>
    </message>
    <message>
        <source>%1 could not be stored: </source>
        <translation>%1 を保存できませんでした: </translation>
    </message>
    <message numerus="yes">
        <source>The hand-in stopped: %1 %n photo(s) of it were stored before; they stay in the catalog. Solve the problem (free space in the data folder, for one) and hand the card in again: what is stored is recognised, the rest is taken in.</source>
        <translation>
            <numerusform>受け付けが中断されました: %1 それまでに %n 枚の写真が保存され、カタログに残っています。問題を解決して（たとえばデータフォルダーの空き容量を確保して）カードをもう一度受け付けてください。保存済みの写真は認識され、残りが取り込まれます。</numerusform>
        </translation>
    </message>
    <message>
        <source>The hand-in does not say where its files come from: name its source.</source>
        <translation>この受付にはファイルの取得元がありません。取得元を指定してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::JobDialog</name>
    <message>
        <source>Print receipt…</source>
        <translation>受付票を印刷…</translation>
    </message>
    <message>
        <source>Pickup code: %1</source>
        <translation>受取コード: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::JobProgress</name>
    <message>
        <source>Stopping after the current file…</source>
        <translation>現在のファイルの後で中止します…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskRegistrations</name>
    <message>
        <source>The kiosk registrations cannot be read: </source>
        <translation>キオスクでの登録を読み込めません: </translation>
    </message>
    <message>
        <source>The registration of customer %1 is recorded by the kiosk, the customer or the clerk, not by %2.</source>
        <translation>お客様 %1 の登録を記録できるのはキオスク、ご本人、またはスタッフで、%2 ではありません。</translation>
    </message>
    <message>
        <source>There is no customer %1 whose registration could be recorded; register them again.</source>
        <translation>登録を記録できるお客様 %1 がいません。もう一度登録してください。</translation>
    </message>
    <message>
        <source>New customers register at a kiosk before they sign in, or at the counter; %1 may not register one.</source>
        <translation>新しいお客様は、サインインする前にキオスクで、またはカウンターで登録します。%1 はお客様を登録できません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskWindow</name>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Keepsake — Photo kiosk</source>
        <translation>Keepsake — 写真キオスク</translation>
    </message>
    <message>
        <source>A caption for this photo (it goes onto your disc and prints; leave it empty for none)</source>
        <translation>この写真のキャプション（ディスクとプリントに入ります。不要な場合は空欄のままにしてください）</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>控えを印刷しています…</translation>
    </message>
    <message>
        <source>Your receipt is printed: take it from the printer.</source>
        <translation>控えを印刷しました。プリンターからお取りください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Lab</name>
    <message>
        <source>The data folder %1 cannot be created (%2). Check the path and its permissions, or choose another with --data-dir.</source>
        <translation>データフォルダー %1 を作成できません（%2）。パスと権限を確認するか、--data-dir で別のフォルダーを指定してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabDevice</name>
    <message>
        <source>The device URL &quot;%1&quot; is not usable: give https://HOST:PORT, the address its terminals and the other devices reach it at, e.g. https://192.168.1.20:8443.</source>
        <translation>デバイスの URL「%1」は使えません。端末や他のデバイスからの接続先アドレスを https://HOST:PORT の形で指定してください（例: https://192.168.1.20:8443）。</translation>
    </message>
    <message>
        <source>Only the lab&apos;s clerk makes a data folder a device, not %1.</source>
        <translation>データフォルダーをデバイスにできるのはラボのスタッフだけで、%1 ではできません。</translation>
    </message>
    <message>
        <source>%1 is device %2 already. A data folder is one device; use another data folder for another device.</source>
        <translation>%1 はすでにデバイス %2 です。1 つのデータフォルダーは 1 台のデバイスです。別のデバイスには別のデータフォルダーを使ってください。</translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name.</source>
        <translation>このカタログには %1 という名前のデバイスがすでにあります（%2）。別の名前を選んでください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKey</name>
    <message>
        <source>The lab key could not be encoded.</source>
        <translation>ラボの鍵をエンコードできませんでした。</translation>
    </message>
    <message>
        <source>The lab key %1 cannot be read: %2. Check its owner and permissions.</source>
        <translation>ラボの鍵 %1 を読めません: %2。所有者と権限を確認してください。</translation>
    </message>
    <message>
        <source>The lab key %1 is damaged: it is not an Ed25519 key. Restore it from a backup; without it the lab&apos;s discs cannot be appended to.</source>
        <translation>ラボの鍵 %1 が破損しています（Ed25519 の鍵ではありません）。バックアップから復元してください。鍵がないと、ラボのディスクに追記できません。</translation>
    </message>
    <message>
        <source>A lab key could not be made.</source>
        <translation>ラボの鍵を作成できませんでした。</translation>
    </message>
    <message>
        <source>The lab key could not be saved to %1: %2</source>
        <translation>ラボの鍵を %1 に保存できませんでした: %2</translation>
    </message>
    <message>
        <source>The lab key %1 could not be used.</source>
        <translation>ラボの鍵 %1 を使えませんでした。</translation>
    </message>
    <message>
        <source>The disc manifest could not be signed.</source>
        <translation>ディスクのマニフェストに署名できませんでした。</translation>
    </message>
    <message>
        <source>This lab has no key yet (%1): it has made no disc, so no disc can be checked as its own yet.</source>
        <translation>この店にはまだ鍵がありません（%1）。まだディスクを作成していないため、自店のディスクかどうかを確認できません。</translation>
    </message>
    <message>
        <source>A lab key of the chain is damaged in the catalog: its public key has %1 bytes, not 32.</source>
        <translation>カタログにあるチェーンのラボの鍵が破損しています。公開鍵が 32 バイトではなく %1 バイトです。</translation>
    </message>
    <message>
        <source>The disc manifest could not be signed: this is another device&apos;s key, known here by its public half only.</source>
        <translation>ディスクのマニフェストに署名できませんでした。これは別のデバイスの鍵で、ここでは公開鍵しかわかりません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKeys</name>
    <message>
        <source>The catalog holds another public key under the lab key ID %1. Discs signed with this data folder&apos;s key cannot be told apart from another&apos;s: ask the chain&apos;s administrator to check the table lab_keys.</source>
        <translation>カタログには、ラボの鍵 ID %1 で別の公開鍵が登録されています。このデータフォルダーの鍵で署名したディスクを、別の鍵で署名したものと区別できません。チェーンの管理者にテーブル lab_keys の確認を依頼してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::LabRoutes</name>
    <message>
        <source>An album is named by its ID here.</source>
        <translation>ここではアルバムを ID で指定します。</translation>
    </message>
    <message>
        <source>Customers sign in at a kiosk terminal.</source>
        <translation>お客様はキオスク端末でサインインします。</translation>
    </message>
</context>
<context>
    <name>Keepsake::MailAddress</name>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: it holds a line break or another control character.</source>
        <translation>「%1」はメールアドレスではありません。改行またはその他の制御文字が含まれています。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: write it as name@example.com, without spaces or quotes.</source>
        <translation>「%1」はメールアドレスではありません。空白や引用符を使わず、name@example.com の形で入力してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::MetadataReader</name>
    <message>
        <source>The file is empty.</source>
        <translation>ファイルが空です。</translation>
    </message>
    <message>
        <source>The photo&apos;s metadata cannot be read: %1</source>
        <translation>写真のメタデータを読めません: %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeCards</name>
    <message>
        <source>Album: %1</source>
        <translation>アルバム: %1</translation>
    </message>
    <message>
        <source>Shared with you: the album has expired</source>
        <translation>共有アルバム: 期限が切れました</translation>
    </message>
    <message>
        <source>Shared with you: the album expires soon</source>
        <translation>共有アルバム: まもなく期限です</translation>
    </message>
    <message>
        <source>Could be viewed until %1</source>
        <translation>%1 までご覧いただけました</translation>
    </message>
    <message>
        <source>You can view it until %1</source>
        <translation>%1 までご覧いただけます</translation>
    </message>
    <message>
        <source>Look at it before then: after that only its owner gets it back, on disc.</source>
        <translation>それまでにご覧ください。その後は持ち主の方にだけディスクでお返しします。</translation>
    </message>
    <message>
        <source>Your album has expired</source>
        <translation>アルバムの期限が切れました</translation>
    </message>
    <message>
        <source>Your album expires soon</source>
        <translation>アルバムの期限がまもなく切れます</translation>
    </message>
    <message>
        <source>Expired on %1</source>
        <translation>%1 に期限が切れました</translation>
    </message>
    <message>
        <source>Kept until %1</source>
        <translation>%1 まで保管します</translation>
    </message>
    <message>
        <source>It is recorded on a disc for you. To keep it longer instead, ask at the counter.</source>
        <translation>ディスクに記録してお渡しします。代わりに保管を延長したい場合は、カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>To keep it longer, ask at the counter. Otherwise it is recorded on a disc for you.</source>
        <translation>保管を延長したい場合は、カウンターでお尋ねください。延長しない場合はディスクに記録してお渡しします。</translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation>%1 に記録しました</translation>
    </message>
    <message>
        <source>Shared with you: the album went to its owner on disc</source>
        <translation>共有アルバム: ディスクに記録して持ち主の方にお返ししました</translation>
    </message>
    <message>
        <source>You can no longer view it here.</source>
        <translation>ここではもうご覧いただけません。</translation>
    </message>
    <message>
        <source>Your album is on a disc</source>
        <translation>アルバムをディスクに記録しました</translation>
    </message>
    <message>
        <source>Recorded on %1. The lab deletes its copy on %2.</source>
        <translation>%1 に記録しました。ラボの控えは %2 に削除いたします。</translation>
    </message>
    <message>
        <source>Pick up your disc at the counter.</source>
        <translation>ディスクはカウンターでお受け取りください。</translation>
    </message>
    <message>
        <source>Pick up disc %1 at the counter with the code %2.</source>
        <translation>ディスク %1 は、コード %2 でカウンターにてお受け取りください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeDelivery</name>
    <message>
        <source>Delivery of the notices was cancelled; the rest stay queued.</source>
        <translation>通知の配信は中止されました。残りは送信待ちのままです。</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMail</name>
    <message>
        <source>Your album &quot;%1&quot; will be recorded on disc after %2</source>
        <translation>アルバム「%1」は %2 以降にディスクに記録されます</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; shared with you will be recorded on disc after %2</source>
        <translation>共有されているアルバム「%1」は %2 以降にディスクに記録されます</translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is on disc %2</source>
        <translation>アルバム「%1」をディスク %2 に記録しました</translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>%1 様</translation>
    </message>
    <message numerus="yes">
        <source>your album &quot;%1&quot; with %n photo(s) is kept at %2 until %3.</source>
        <translation>
            <numerusform>写真 %n 枚のアルバム「%1」は、%2 で %3 まで保管いたします。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%4 shared the album &quot;%1&quot; with %n photo(s) with you. It is kept at %2 until %3.</source>
        <translation>
            <numerusform>%4 様が写真 %n 枚のアルバム「%1」を共有しています。このアルバムは %2 で %3 まで保管いたします。</numerusform>
        </translation>
    </message>
    <message>
        <source>After that day the photos are recorded onto a disc that comes back to %1 at the counter, and they are no longer shown online or at the kiosk.</source>
        <translation>その日以降、写真はディスクに記録され、カウンターで %1 にお返しします。オンラインやキオスクでは表示されなくなります。</translation>
    </message>
    <message>
        <source>To keep the album longer, ask at the counter or reply to this mail: the lab can extend it.</source>
        <translation>アルバムの保管を延長したい場合は、カウンターでお申し付けいただくか、このメールにご返信ください。ラボで延長いたします。</translation>
    </message>
    <message numerus="yes">
        <source>the album &quot;%1&quot; with %n photo(s) was recorded onto disc %2 on %3.</source>
        <translation>
            <numerusform>写真 %n 枚のアルバム「%1」を %3 にディスク %2 に記録いたしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is ready at the counter; the pickup code is %1.</source>
        <translation>ディスクはカウンターでお受け取りいただけます。受取コードは %1 です。</translation>
    </message>
    <message numerus="yes">
        <source>The album is no longer shown online or at the kiosk; the lab deletes its copy %n day(s) after recording.</source>
        <translation>
            <numerusform>このアルバムはオンラインやキオスクでは表示されなくなりました。ラボの控えは記録から %n 日後に削除いたします。</numerusform>
        </translation>
    </message>
    <message>
        <source>you</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Kind regards,</source>
        <translation>今後ともよろしくお願いいたします。</translation>
    </message>
    <message>
        <source>See the album on the lab&apos;s web page (this link works once): %1</source>
        <translation>ラボのウェブページでアルバムをご覧いただけます（このリンクは 1 回だけ有効です）: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMails</name>
    <message>
        <source>How the notice mails went is shown to the clerk only (they name every recipient), not to %1; ask at the counter.</source>
        <translation>お知らせメールの送信状況はスタッフだけが見られます（すべての受取人が記載されるため）。%1 には表示されません。カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticesPage</name>
    <message>
        <source>Your notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>No notices. Your albums are kept until the dates shown with them.</source>
        <translation>お知らせはありません。アルバムはそれぞれに表示された日付まで保管します。</translation>
    </message>
    <message>
        <source>Tap a notice to read all of it. To keep an album longer, ask at the counter.</source>
        <translation>お知らせをタップすると全文を表示します。アルバムの保管を延長したい場合は、カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PdfTextFix</name>
    <message>
        <source>The PDF %1 was written but its text could not be checked (%2). Try again; if it keeps failing, report this message.</source>
        <translation>PDF %1 は書き込みましたが、テキストを確認できませんでした（%2）。もう一度お試しください。失敗が続く場合は、このメッセージをご報告ください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneAddresses</name>
    <message>
        <source>Phones can hand in only at a lab whose data folder is a device that serves: run keepsakectl device init, then keepsakectl serve.</source>
        <translation>スマートフォンからの受付は、データフォルダーがサービスを提供するデバイスになっているラボでのみ使えます。keepsakectl device init を実行してから keepsakectl serve を実行してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneHandins</name>
    <message>
        <source>This upload address takes no more photos (it was used, or 15 minutes have passed): ask the kiosk for a new code.</source>
        <translation>このアップロード用アドレスでは、これ以上写真を受け付けられません（使用済みか、15 分が経過しました）。キオスクで新しいコードを表示してください。</translation>
    </message>
    <message>
        <source>Offer %1 before sending it.</source>
        <translation>%1 は送信する前に提示してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhonePage</name>
    <message>
        <source>Making your code…</source>
        <translation>コードを作成しています…</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received</source>
        <translation>
            <numerusform>%n 枚の写真を受け取りました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received. Putting them into your albums…</source>
        <translation>
            <numerusform>%n 枚の写真を受け取りました。アルバムに入れています…</numerusform>
        </translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in: %1 Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation>スマートフォンの写真を受け付けられませんでした: %1 「新しいコード」をタップしてもう一度お試しいただくか、カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in. Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation>スマートフォンの写真を受け付けられませんでした。「新しいコード」をタップしてもう一度お試しいただくか、カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>This code has expired. Tap &quot;New code&quot; for another one.</source>
        <translation>このコードは有効期限が切れました。「新しいコード」をタップすると新しいコードが表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s) are in your albums.</source>
        <translation>
            <numerusform>%n 枚の新しい写真がアルバムに入りました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n you had handed in before.</source>
        <translation>
            <numerusform>%n 枚は以前に受付済みでした。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n are new versions of photos you had handed in.</source>
        <translation>
            <numerusform>%n 枚は以前に預けた写真の新しい版です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be taken: Keepsake keeps photos only.</source>
        <translation>
            <numerusform>%n 件は受け付けられませんでした: Keepsake が保管するのは写真だけです。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code works for %n more minute(s).</source>
        <translation>
            <numerusform>このコードはあと %n 分間有効です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation>スマートフォンから預ける</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera. Your phone opens the lab&apos;s page: choose your photos there and send them. They arrive here in a moment, as they are, with nothing made smaller.</source>
        <translation>スマートフォンのカメラでこのコードを読み取ってください。お店のページが開きます。そこで写真を選んで送信してください。写真は縮小されず、そのままの形ですぐここに届きます。</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新しいコード</translation>
    </message>
    <message>
        <source>Back to my albums</source>
        <translation>アルバムに戻る</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneUploads</name>
    <message>
        <source>This upload address is unknown: scan the code the kiosk shows again.</source>
        <translation>このアップロード用アドレスは不明です。キオスクに表示されているコードをもう一度読み取ってください。</translation>
    </message>
    <message>
        <source>This upload address has expired or was used: ask the kiosk for a new code.</source>
        <translation>このアップロード用アドレスは期限切れか使用済みです。キオスクで新しいコードを表示してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCaptions</name>
    <message>
        <source>Caption…</source>
        <translation>キャプション…</translation>
    </message>
    <message>
        <source>Write the caption of the chosen photo (also a double-click on it)</source>
        <translation>選択した写真のキャプションを入力（写真のダブルクリックでも可）</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>キャプション</translation>
    </message>
    <message>
        <source>Caption of %1 (empty removes it):</source>
        <translation>%1 のキャプション（空欄で削除）:</translation>
    </message>
    <message>
        <source>The caption of %1 was removed.</source>
        <translation>%1 のキャプションを削除しました。</translation>
    </message>
    <message>
        <source>The caption of %1 is saved.</source>
        <translation>%1 のキャプションを保存しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCommand</name>
    <message>
        <source>a photo&apos;s caption (photo caption --photo PHOTO --text TEXT)</source>
        <translation>写真のキャプション (photo caption --photo PHOTO --text TEXT)</translation>
    </message>
    <message>
        <source>Usage: keepsakectl photo caption --photo PHOTO --text TEXT
  caption   set or clear a photo&apos;s caption
</source>
        <translation>使い方: keepsakectl photo caption --photo PHOTO --text TEXT
  caption   写真のキャプションを設定または削除
</translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl photo caption ...</source>
        <translation>操作を指定してください: keepsakectl photo caption ...</translation>
    </message>
    <message>
        <source>There is no &apos;photo %1&apos;; try keepsakectl photo caption.</source>
        <translation>&apos;photo %1&apos; はありません。keepsakectl photo caption を試してください。</translation>
    </message>
    <message>
        <source>Sets a photo&apos;s caption: it goes into the photo&apos;s sidecar and album.json on its disc and under its picture on index prints. --text &quot;&quot; clears it.</source>
        <translation>写真のキャプションを設定します。キャプションはディスク上の写真のサイドカーファイルと album.json に書き込まれ、インデックスプリントでは写真の下に印刷されます。--text &quot;&quot; で削除します。</translation>
    </message>
    <message>
        <source>the photo&apos;s ID, as photos --json prints it</source>
        <translation>写真の ID（photos --json の出力どおり）</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>PHOTO</translation>
    </message>
    <message>
        <source>the caption; empty clears it</source>
        <translation>キャプション。空にすると削除します</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>Name the photo by its ID: --photo PHOTO (keepsakectl photos --album ALBUM lists them).</source>
        <translation>写真を ID で指定してください: --photo PHOTO（一覧は keepsakectl photos --album ALBUM で表示できます）。</translation>
    </message>
    <message>
        <source>Give the caption: --text TEXT (--text &quot;&quot; clears it).</source>
        <translation>キャプションを指定してください: --text TEXT（--text &quot;&quot; で削除）。</translation>
    </message>
    <message>
        <source>Photo %1: caption cleared</source>
        <translation>写真 %1: キャプションを削除しました</translation>
    </message>
    <message>
        <source>Photo %1: caption &quot;%2&quot;</source>
        <translation>写真 %1: キャプション「%2」</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoGridModel</name>
    <message>
        <source>★ %1</source>
        <translation>★ %1</translation>
    </message>
    <message>
        <source>%1
Taken: %2
Camera: %3</source>
        <translation>%1
撮影: %2
カメラ: %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoThumbnails</name>
    <message>
        <source>No device of the chain keeps the file %1, so it has no thumbnail. Run keepsakectl check on the devices.</source>
        <translation>チェーンのどのデバイスもファイル %1 を保管していないため、サムネイルはありません。各デバイスで keepsakectl check を実行してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoViewPage</name>
    <message>
        <source>This photo cannot be shown large.</source>
        <translation>この写真は大きく表示できません。</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>前の写真</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>次の写真</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>%1 — photo %2 of %3</source>
        <translation>%1 — 写真 %2 / %3</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>キャプション</translation>
    </message>
    <message>
        <source>Write or change this photo&apos;s caption</source>
        <translation>この写真のキャプションを入力・変更します</translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupLookup</name>
    <message>
        <source>Orders are found by their pickup code at the counter only; %1 may not look them up.</source>
        <translation>受取コードによる注文の検索はカウンターでのみ行えます。%1 には検索の権限がありません。</translation>
    </message>
    <message>
        <source>Type the pickup code from the receipt, e.g. ABCD-EFGH, or scan its QR code.</source>
        <translation>控えの受取コード（例: ABCD-EFGH）を入力するか、QR コードをスキャンしてください。</translation>
    </message>
    <message>
        <source>No hand-in and no disc has the pickup code %1. Check the code on the receipt (codes have no 0, O, 1, I or L).</source>
        <translation>受取コード %1 のお預かりもディスクもありません。控えのコードを確認してください（コードに 0、O、1、I、L は使われません）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupSearch</name>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation>受取コード %1：%2 — %3（%4）。</translation>
    </message>
    <message numerus="yes">
        <source>disc %1 session %2 of %3, %n photo(s)</source>
        <translation>
            <numerusform>ディスク %1 セッション %2（%3）、写真 %n 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>hand-in of %1, %n photo(s)</source>
        <translation>
            <numerusform>%1 のお預かり、写真 %n 枚</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::PieceFile</name>
    <message>
        <source>%1 cannot be written: %2.</source>
        <translation>%1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 を読み込めません: %2。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PinDialog</name>
    <message>
        <source>New PIN for %1</source>
        <translation>%1 の新しい暗証番号</translation>
    </message>
    <message>
        <source>A new PIN for %1 (%2), to sign in at the kiosk: 4 to 8 digits. The old PIN stops working.</source>
        <translation>%1（%2）がキオスクでサインインするための新しい暗証番号（4〜8 桁）。古い暗証番号は使えなくなります。</translation>
    </message>
    <message>
        <source>Make one</source>
        <translation>自動生成</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>暗証番号を設定</translation>
    </message>
    <message>
        <source>Tell %1 this PIN now: it is shown only here, and the lab keeps no copy it can read.</source>
        <translation>この暗証番号を今すぐ %1 に伝えてください。表示されるのはここだけで、ラボには読み取れる形では保存されません。</translation>
    </message>
    <message>
        <source>Type a PIN of 4 to 8 digits, or let the window make one.</source>
        <translation>4〜8 桁の暗証番号を入力するか、自動生成してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PinLockout</name>
    <message>
        <source>Too many failed sign-ins at this kiosk. Signing in here is paused until %1; please ask at the counter.</source>
        <translation>この端末でのサインインの失敗が多すぎます。%1 までここでのサインインを停止しています。カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. This code is locked until %1. Please ask at the counter.</source>
        <translation>PIN の誤りが多すぎます。このコードは %1 までロックされています。カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>The customer code or the PIN is not right. Attempts left: %1.</source>
        <translation>顧客コードまたは PIN が正しくありません。残りの試行回数：%1。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintCommand</name>
    <message>
        <source>index sheets and receipts, to PDF or a printer</source>
        <translation>インデックスプリントと受付票（PDF またはプリンター）</translation>
    </message>
    <message>
        <source>Usage: keepsakectl print SUB-COMMAND ...
  index     index sheet of albums or of a disc (claims 8, 9)
  receipt   receipt of a hand-in or disc order, with its pickup code
</source>
        <translation>使い方: keepsakectl print サブコマンド ...
  index     アルバムまたはディスクのインデックスプリント（請求項 8、9）
  receipt   受付またはディスク注文の受付票（受取コード付き）
</translation>
    </message>
    <message>
        <source>Unknown print sub-command &quot;%1&quot;. See: keepsakectl print --help</source>
        <translation>不明な print サブコマンド「%1」です。keepsakectl print --help を参照してください</translation>
    </message>
    <message>
        <source>write a PDF file</source>
        <translation>PDF ファイルに書き出す</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>send to this CUPS printer queue</source>
        <translation>この CUPS プリンターキューに送る</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Say where the print goes: --pdf FILE or --printer NAME (one of them).</source>
        <translation>印刷先を指定してください: --pdf FILE または --printer NAME（どちらか一方）。</translation>
    </message>
    <message>
        <source>Unknown paper &quot;%1&quot;; use %2.</source>
        <translation>不明な用紙「%1」です。%2 を使ってください。</translation>
    </message>
    <message>
        <source>Orientation is portrait or landscape, not &quot;%1&quot;.</source>
        <translation>向きは portrait か landscape です（「%1」は使えません）。</translation>
    </message>
    <message>
        <source>printer %1</source>
        <translation>プリンター %1</translation>
    </message>
    <message>
        <source>Index sheet: %1 photo(s) on %2 page(s) to %3</source>
        <translation>インデックスプリント: 写真 %1 枚、%2 ページ → %3</translation>
    </message>
    <message>
        <source>Receipt with pickup code %1 to %2</source>
        <translation>受取コード %1 の受付票 → %2</translation>
    </message>
    <message>
        <source>Prints the index sheet of albums or of a disc: every photo as a thumbnail with its frame number, file name and capture date, the cover marked. Without --select, each album&apos;s stored print selection (none: all photos).</source>
        <translation>アルバムまたはディスクのインデックスプリントを印刷します。各写真をコマ番号・ファイル名・撮影日付きのサムネイルで載せ、表紙に印を付けます。--select がない場合は、各アルバムに保存されたプリントの選択を使います（選択なし: すべての写真）。</translation>
    </message>
    <message>
        <source>the albums&apos; owner (to name albums by title)</source>
        <translation>アルバムの持ち主（タイトルでアルバムを指定する場合）</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>an album (ID, or title with --customer); repeatable</source>
        <translation>アルバム（ID、または --customer と組み合わせたタイトル）。繰り返し指定可</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>what was recorded onto this disc</source>
        <translation>このディスクに記録された内容</translation>
    </message>
    <message>
        <source>DISC</source>
        <translation>DISC</translation>
    </message>
    <message>
        <source>with --disc: only this recording session</source>
        <translation>--disc と併用: この記録セッションのみ</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>only these photos (IDs or original names), comma-separated</source>
        <translation>これらの写真のみ（ID または元の名前、カンマ区切り）</translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation>PHOTO</translation>
    </message>
    <message>
        <source>a4 (default), letter, 10x15 or 4x6</source>
        <translation>a4（既定）、letter、10x15、4x6</translation>
    </message>
    <message>
        <source>PAPER</source>
        <translation>PAPER</translation>
    </message>
    <message>
        <source>portrait or landscape (photo paper: landscape)</source>
        <translation>portrait または landscape（写真用紙: landscape）</translation>
    </message>
    <message>
        <source>O</source>
        <translation>O</translation>
    </message>
    <message>
        <source>photos per row (default: 5 on A4 portrait)</source>
        <translation>1 行あたりの写真の数（既定: A4 縦で 5）</translation>
    </message>
    <message>
        <source>Name the albums (--album ALBUM) or the disc (--disc DISC), not both.</source>
        <translation>アルバム（--album ALBUM）かディスク（--disc DISC）のどちらかを指定してください。両方は指定できません。</translation>
    </message>
    <message>
        <source>--columns takes a number from 1 to 20.</source>
        <translation>--columns には 1〜20 の数を指定してください。</translation>
    </message>
    <message>
        <source>photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>Prints a receipt: the customer, what was handed in, the albums and their dates, the discs, and the pickup code as text and QR code. Without --handin or --disc, the customer&apos;s latest hand-in.</source>
        <translation>受付票を印刷します: お客様、受け付けた内容、アルバムとその日付、ディスク、受取コード（テキストと QR コード）。--handin も --disc もない場合は、お客様の最新の受付です。</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>this hand-in instead of the latest</source>
        <translation>最新の受付の代わりにこの受付</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>the disc order of this disc instead</source>
        <translation>代わりにこのディスクのディスク注文</translation>
    </message>
    <message>
        <source>with --disc: this recording session (default: the latest)</source>
        <translation>--disc と併用: この記録セッション（既定: 最新）</translation>
    </message>
    <message>
        <source>80mm (roll, default), a4 or letter</source>
        <translation>80mm（ロール紙、既定）、a4、letter</translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation>お客様を指定してください: --customer CODE。</translation>
    </message>
    <message>
        <source>Give --handin or --disc, not both.</source>
        <translation>--handin か --disc のどちらかを指定してください。両方は指定できません。</translation>
    </message>
    <message>
        <source>--handin takes a hand-in&apos;s number (the &quot;handin&quot; of the ingest summary).</source>
        <translation>--handin には受付番号（ingest の集計にある「handin」）を指定してください。</translation>
    </message>
    <message>
        <source>Disc %1 was recorded for another customer; nothing was printed.</source>
        <translation>ディスク %1 は別のお客様のために記録されたものです。何も印刷していません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintJobs</name>
    <message>
        <source>Index print %1 %2</source>
        <translation>インデックスプリント %1 %2</translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation>受付票 %1 %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintOutput</name>
    <message>
        <source>The folder %1 cannot be made; check its permissions.</source>
        <translation>フォルダー %1 を作成できません。権限を確認してください。</translation>
    </message>
    <message>
        <source>No PDF can be written into %1: %2. Check the free space and permissions.</source>
        <translation>%1 に PDF を書き込めません: %2。空き容量と権限を確認してください。</translation>
    </message>
    <message>
        <source>The page layout of %1 was refused by the PDF writer.</source>
        <translation>%1 のページレイアウトが PDF 出力で拒否されました。</translation>
    </message>
    <message>
        <source>The PDF %1 could not be written: %2. Check the free space.</source>
        <translation>PDF %1 を書き込めませんでした: %2。空き容量を確認してください。</translation>
    </message>
    <message>
        <source>The PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation>PDF %1 を所定の場所に置けませんでした。フォルダーの権限を確認してください。</translation>
    </message>
    <message>
        <source>The print command lp could not be started (%1). Install CUPS&apos;s client (package cups-client) or print to a PDF file instead.</source>
        <translation>印刷コマンド lp を起動できませんでした（%1）。CUPS クライアント（cups-client パッケージ）をインストールするか、PDF ファイルに出力してください。</translation>
    </message>
    <message>
        <source>The printer %1 did not take the job within two minutes; check CUPS with lpstat -p %1.</source>
        <translation>プリンター %1 が 2 分以内に印刷ジョブを受け付けませんでした。lpstat -p %1 で CUPS を確認してください。</translation>
    </message>
    <message>
        <source>The printer %1 did not take the job: %2. Check the queue&apos;s name with lpstat -p, or print to a PDF file instead.</source>
        <translation>プリンター %1 が印刷ジョブを受け付けませんでした: %2。lpstat -p でキュー名を確認するか、PDF ファイルに出力してください。</translation>
    </message>
    <message>
        <source>No temporary folder for the print job: %1.</source>
        <translation>印刷ジョブ用の一時フォルダーがありません: %1。</translation>
    </message>
    <message>
        <source>The PDF %1 cannot be repaired: no file can be made beside it (%2). Check the free space and permissions.</source>
        <translation>PDF %1 を修復できません。同じ場所にファイルを作成できません（%2）。空き容量とアクセス権を確認してください。</translation>
    </message>
    <message>
        <source>The PDF %1 was printed, but its text could not be repaired: </source>
        <translation>PDF %1 は印刷されましたが、テキストを修復できませんでした: </translation>
    </message>
    <message>
        <source>The repaired PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation>修復した PDF %1 を所定の場所に配置できませんでした。フォルダーのアクセス権を確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintPreview</name>
    <message>
        <source>Index print %1 %2</source>
        <translation>インデックスプリント %1 %2</translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation>受付票 %1 %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintSources</name>
    <message>
        <source>Albums %1 and %2 belong to different customers; an index sheet shows one customer&apos;s albums.</source>
        <translation>アルバム %1 と %2 は別々のお客様のものです。インデックスプリントには 1 人のお客様のアルバムだけを載せます。</translation>
    </message>
    <message>
        <source>Name at least one album for the index sheet.</source>
        <translation>インデックスプリントにするアルバムを 1 つ以上指定してください。</translation>
    </message>
    <message>
        <source>Disc %1 has no session %2 with photos. See keepsakectl disc show.</source>
        <translation>ディスク %1 に写真のあるセッション %2 はありません。keepsakectl disc show を参照してください。</translation>
    </message>
    <message>
        <source>There is no disc %1 with photos in the catalog.</source>
        <translation>カタログに写真のあるディスク %1 はありません。</translation>
    </message>
    <message>
        <source>The customer has no hand-in %1.</source>
        <translation>お客様に受付 %1 はありません。</translation>
    </message>
    <message>
        <source>The customer has not handed in any photos yet; there is no receipt to print.</source>
        <translation>お客様はまだ写真を持ち込んでいないため、印刷する受付票はありません。</translation>
    </message>
    <message>
        <source>There is no recording of disc %1 in the catalog.</source>
        <translation>カタログにディスク %1 の記録はありません。</translation>
    </message>
    <message>
        <source>There is no disc %1 in the catalog. The disc ID is on the disc&apos;s label and in keepsakectl disc show.</source>
        <translation>カタログにディスク %1 はありません。ディスク ID はディスクのラベルと keepsakectl disc show で確認できます。</translation>
    </message>
    <message>
        <source>None of the albums has a photo &quot;%1&quot;. List their photos with keepsakectl photos --album ALBUM.</source>
        <translation>どのアルバムにも写真「%1」はありません。写真の一覧は keepsakectl photos --album ALBUM で表示できます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::PrivateFiles</name>
    <message>
        <source>The folder %1 cannot be created. Check the path and its permissions.</source>
        <translation>フォルダー %1 を作成できません。パスと権限を確認してください。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created: %2. Check the path and its permissions.</source>
        <translation>フォルダー %1 を作成できません：%2。パスと権限を確認してください。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be made private (mode 700): %2. Check its owner.</source>
        <translation>フォルダー %1 を非公開（モード 700）にできません：%2。所有者を確認してください。</translation>
    </message>
    <message>
        <source>The file %1 cannot be created: %2. Check the folder&apos;s permissions.</source>
        <translation>ファイル %1 を作成できません：%2。フォルダーの権限を確認してください。</translation>
    </message>
    <message>
        <source>The file %1 cannot be made private (mode 600): %2. Check its owner.</source>
        <translation>ファイル %1 を非公開（モード 600）にできません：%2。所有者を確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Purge</name>
    <message>
        <source>it is %1, not recorded on a disc</source>
        <translation>%1 で、ディスクに記録されていません</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) are not on a disc that was verified by reading it back; verify the disc first (keepsakectl verify)</source>
        <translation>
            <numerusform>写真 %n 枚が、読み戻しで検証されたディスクにありません。先にディスクを検証してください（keepsakectl verify）</numerusform>
        </translation>
    </message>
    <message>
        <source>still in its grace period until %1 (recorded on %2)</source>
        <translation>%1 まで猶予期間中（%2 に記録）</translation>
    </message>
    <message numerus="yes">
        <source>on a verified disc; grace period of %n day(s) ended on %1</source>
        <translation>
            <numerusform>検証済みのディスクに記録。%n 日間の猶予期間は %1 に終了</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no album %1.</source>
        <translation>アルバム %1 はありません。</translation>
    </message>
    <message>
        <source>Album %1 vanished during the purge.</source>
        <translation>アルバム %1 が削除処理中に見つからなくなりました。</translation>
    </message>
    <message>
        <source>Album %1 (%2) is not purged: %3.</source>
        <translation>アルバム %1（%2）は削除しません: %3。</translation>
    </message>
    <message>
        <source>The purge was stopped; purged albums stay purged, the rest are as before.</source>
        <translation>削除処理を中止しました。削除済みのアルバムはそのままで、それ以外は元のままです。</translation>
    </message>
    <message>
        <source>it changed while the purge ran (restored or purged meanwhile); it was left as it is</source>
        <translation>削除の実行中に変更されたため（その間に復元または削除済み）、そのままにしました</translation>
    </message>
    <message>
        <source>Nothing was purged: </source>
        <translation>何も削除していません：</translation>
    </message>
</context>
<context>
    <name>Keepsake::QrCode</name>
    <message>
        <source>The QR code for &quot;%1&quot; cannot be made (%2).</source>
        <translation>「%1」の QR コードを作成できません（%2）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::QrLabel</name>
    <message>
        <source>The receipt&apos;s QR code: a scanner at the counter reads %1 from it.</source>
        <translation>控えの QR コード：カウンターのスキャナーで %1 を読み取れます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Receipt</name>
    <message>
        <source>Receipt for your hand-in</source>
        <translation>受付票</translation>
    </message>
    <message>
        <source>Receipt for your disc</source>
        <translation>ディスクの受付票</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>受付</translation>
    </message>
    <message>
        <source>New photos</source>
        <translation>新しい写真</translation>
    </message>
    <message>
        <source>Already received</source>
        <translation>受付済み</translation>
    </message>
    <message>
        <source>New versions</source>
        <translation>新しい版</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>受付不可</translation>
    </message>
    <message>
        <source>Your albums</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>on disc %1</source>
        <translation>ディスク %1</translation>
    </message>
    <message>
        <source>kept until %1</source>
        <translation>%1 まで保管</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1（写真 %n 枚）</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded onto disc</source>
        <translation>ディスクに記録</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n photo(s)</source>
        <translation>
            <numerusform>%1: 写真 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>受取コード</translation>
    </message>
    <message>
        <source>Show this code at the counter to collect your order.</source>
        <translation>ご注文の受け取りの際は、このコードをカウンターでお見せください。</translation>
    </message>
    <message>
        <source>The receipt cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation>受付票を描画できません。プリンターまたは PDF ファイルを描画用に開けませんでした。</translation>
    </message>
    <message>
        <source>The receipt could not be finished; check the free space and try again.</source>
        <translation>受付票を完成できませんでした。空き容量を確認して、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ReceiptPanel</name>
    <message>
        <source>Your pickup code:</source>
        <translation>お客様の受取コード:</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>控えを印刷</translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Tap Print receipt to take it with you on paper.</source>
        <translation>このコードは大切に保管してください。カウンターでは、このコードまたはその QR コードでお預かり品をお探しします。紙でお持ち帰りになる場合は「控えを印刷」をタップしてください。</translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Write it down or take a photo of this screen; there is no receipt printer at this kiosk.</source>
        <translation>このコードは大切に保管してください。カウンターでは、このコードまたはその QR コードでお預かり品をお探しします。メモを取るか、この画面を写真に撮ってください。このキオスクには控え用のプリンターがありません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::RecordPanel</name>
    <message>
        <source>Albums to record</source>
        <translation>記録するアルバム</translation>
    </message>
    <message>
        <source>As the drive says (image file: DVD)</source>
        <translation>ドライブの情報どおり（イメージファイル: DVD）</translation>
    </message>
    <message>
        <source>Image file…</source>
        <translation>イメージファイル…</translation>
    </message>
    <message>
        <source>Look for drives</source>
        <translation>ドライブを探す</translation>
    </message>
    <message>
        <source>Disc</source>
        <translation>ディスク</translation>
    </message>
    <message>
        <source>Medium:</source>
        <translation>メディア:</translation>
    </message>
    <message>
        <source>Drive:</source>
        <translation>ドライブ:</translation>
    </message>
    <message>
        <source>Burn and verify</source>
        <translation>記録して検証</translation>
    </message>
    <message>
        <source>Index sheet…</source>
        <translation>インデックスプリント…</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>受付票…</translation>
    </message>
    <message>
        <source>How the albums fit</source>
        <translation>アルバムの収まり方</translation>
    </message>
    <message>
        <source>Record albums of %1 — %2 onto a disc</source>
        <translation>%1 — %2 のアルバムをディスクに記録</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, %n photo(s), %3</source>
        <translation>
            <numerusform>%1 — %2、写真 %n 枚、%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Image file %1</source>
        <translation>イメージファイル %1</translation>
    </message>
    <message>
        <source>Record into an image file</source>
        <translation>イメージファイルに記録</translation>
    </message>
    <message>
        <source>Disc images (*.iso);;All files (*)</source>
        <translation>ディスクイメージ (*.iso);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>No drives could be listed: %1</source>
        <translation>ドライブを一覧表示できませんでした: %1</translation>
    </message>
    <message>
        <source>Tick the albums to record.</source>
        <translation>記録するアルバムにチェックを付けてください。</translation>
    </message>
    <message>
        <source>Choose a drive, or an image file.</source>
        <translation>ドライブまたはイメージファイルを選んでください。</translation>
    </message>
    <message>
        <source>Checking the disc in %1…</source>
        <translation>%1 のディスクを確認しています…</translation>
    </message>
    <message>
        <source>Customer check: %1</source>
        <translation>お客様の確認: %1</translation>
    </message>
    <message>
        <source>Nothing can be recorded onto this disc.</source>
        <translation>このディスクには記録できません。</translation>
    </message>
    <message>
        <source>Nothing to record: the albums ticked have no photos left to put on a disc.</source>
        <translation>記録するものはありません。チェックしたアルバムにはディスクに入れる写真が残っていません。</translation>
    </message>
    <message>
        <source>Customer check passed: this is %1&apos;s own disc. The albums are added to it as a new session.</source>
        <translation>お客様の確認が済みました。%1 様ご本人のディスクです。アルバムを新しいセッションとして追加します。</translation>
    </message>
    <message>
        <source>A blank disc: a new disc is started for %1.</source>
        <translation>空のディスクです。%1 様の新しいディスクを作成します。</translation>
    </message>
    <message>
        <source>Everything fits onto one disc.</source>
        <translation>すべて 1 枚のディスクに収まります。</translation>
    </message>
    <message numerus="yes">
        <source>The albums need %n discs.</source>
        <translation>
            <numerusform>アルバムにはディスクが %n 枚必要です。</numerusform>
        </translation>
    </message>
    <message>
        <source>An album larger than a disc is split across discs.</source>
        <translation>ディスクより大きいアルバムは複数のディスクに分けて記録します。</translation>
    </message>
    <message>
        <source>This drive records one disc at a time: burn again with a blank disc for the rest.</source>
        <translation>このドライブは 1 枚ずつ記録します。残りは空のディスクでもう一度記録してください。</translation>
    </message>
    <message>
        <source>Disc %1 (%2): %3 of %4</source>
        <translation>ディスク %1（%2）: %3 / %4</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1（写真 %n 枚）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %n disc(s) for %1</source>
        <translation>
            <numerusform>%1 様のディスク %n 枚を記録中</numerusform>
        </translation>
    </message>
    <message>
        <source>A burn is running already.</source>
        <translation>すでに記録を実行中です。</translation>
    </message>
    <message>
        <source>Preparing the albums: %1 of %2</source>
        <translation>アルバムを準備中: %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Writing: %1 of %2, %3/s, about %n second(s) left</source>
        <translation>
            <numerusform>書き込み中: %1 / %2、%3/秒、残り約 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Verifying: %1 of %2 read back, about %n second(s) left</source>
        <translation>
            <numerusform>検証中: %1 / %2 を読み戻し済み、残り約 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: written in %3 s and verified — %n file(s) read back and matched, byte for byte, in %4 s. Pickup code %5.</source>
        <translation>
            <numerusform>ディスク %1、セッション %2: %3 秒で書き込み、検証しました — %n ファイルを読み戻し、%4 秒で 1 バイトずつ照合しました。受取コード %5。</numerusform>
        </translation>
    </message>
    <message>
        <source>The prints of disc %1 failed: %2</source>
        <translation>ディスク %1 の印刷に失敗しました: %2</translation>
    </message>
    <message>
        <source>Index sheet and receipt saved as %1.</source>
        <translation>インデックスプリントと受付票を %1 として保存しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) to burn: insert a blank disc and burn again.</source>
        <translation>
            <numerusform>あと %n 枚記録します。空のディスクを入れて、もう一度記録してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded and verified: %n album(s).</source>
        <translation>
            <numerusform>記録・検証済み: アルバム %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Index sheet</source>
        <translation>インデックスプリント</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>受付票</translation>
    </message>
    <message>
        <source>Choose the customer whose albums go onto a disc.</source>
        <translation>ディスクに記録するアルバムのお客様を選んでください。</translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail</source>
        <translation>お客様番号・名前・電話・メールで検索</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>お客様:</translation>
    </message>
    <message>
        <source>Look for drives, or choose an image file</source>
        <translation>ドライブを探すか、イメージファイルを選んでください</translation>
    </message>
    <message>
        <source>The disc was checked and recorded meanwhile by another program of this device; the stations&apos; queue shows the job.</source>
        <translation>ディスクはその間にこのデバイスの別のプログラムによって確認され、登録されました。ステーションのキューにジョブが表示されています。</translation>
    </message>
    <message>
        <source>Recorded elsewhere.</source>
        <translation>別の場所で登録されました。</translation>
    </message>
    <message>
        <source>Burn stations&apos; queue</source>
        <translation>記録ステーションのキュー</translation>
    </message>
    <message>
        <source>Image file on station %1</source>
        <translation>ステーション %1 上のイメージファイル</translation>
    </message>
    <message>
        <source>The image file&apos;s absolute path on the machine of station %1 (not on this computer), e.g. /srv/discs/%2.iso:</source>
        <translation>ステーション %1 のマシン上（このコンピューター上ではありません）でのイメージファイルの絶対パス（例: /srv/discs/%2.iso）:</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is no absolute path: name the image file from the root of station %2&apos;s file system, e.g. /srv/discs/disc.iso.</source>
        <translation>「%1」は絶対パスではありません。ステーション %2 のファイルシステムのルートからイメージファイルを指定してください（例: /srv/discs/disc.iso）。</translation>
    </message>
    <message>
        <source>Station %1: image file %2</source>
        <translation>ステーション %1: イメージファイル %2</translation>
    </message>
    <message>
        <source>Station %1: %2</source>
        <translation>ステーション %1: %2</translation>
    </message>
    <message>
        <source>Station %1: asking for its drives…</source>
        <translation>ステーション %1: ドライブを問い合わせています…</translation>
    </message>
    <message>
        <source>Station %1: image file on the station…</source>
        <translation>ステーション %1: ステーション上のイメージファイル…</translation>
    </message>
    <message>
        <source>Station %1: not reachable: %2</source>
        <translation>ステーション %1: 接続できません: %2</translation>
    </message>
    <message>
        <source>Station %1: no drives of its own</source>
        <translation>ステーション %1: 自身のドライブはありません</translation>
    </message>
    <message>
        <source>%1, %2, %3 free</source>
        <translation>%1、%2、空き %3</translation>
    </message>
    <message>
        <source>Station %1: %2 (%3) — %4</source>
        <translation>ステーション %1: %2（%3）— %4</translation>
    </message>
    <message>
        <source>Station %1 checks the disc in its drive before it writes anything: the customer&apos;s own disc gets a new session, another customer&apos;s disc is refused.</source>
        <translation>ステーション %1 は、書き込む前にドライブ内のディスクを確認します。お客様ご本人のディスクには新しいセッションを追加し、別のお客様のディスクは拒否します。</translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation>イメージファイル %1</translation>
    </message>
    <message>
        <source>The albums are recorded on station %1, %2: the station plans the discs, and an album larger than a disc is split across discs.</source>
        <translation>アルバムはステーション %1（%2）で記録します。ディスクの計画はステーションが行い、ディスクより大きいアルバムは複数のディスクに分けて記録します。</translation>
    </message>
    <message>
        <source>Recording on station %1 for %2</source>
        <translation>ステーション %1 で %2 様のアルバムを記録中</translation>
    </message>
    <message>
        <source>Job %1 on station %2: %3</source>
        <translation>ステーション %2 のジョブ %1: %3</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while this counter was away: %3 — %4</source>
        <translation>ステーション %2 のジョブ %1 は、このカウンターが稼働していない間に終了しました: %3 — %4</translation>
    </message>
</context>
<context>
    <name>Keepsake::Records</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  写真 %n 枚、%4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>（日付なし）</translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation>（不明なカメラ）</translation>
    </message>
    <message>
        <source>  — a version of photo %1</source>
        <translation>  — 写真 %1 の別の版</translation>
    </message>
    <message>
        <source>new               %1</source>
        <translation>新規              %1</translation>
    </message>
    <message>
        <source>new version       %1 — %2</source>
        <translation>新しい版          %1 — %2</translation>
    </message>
    <message>
        <source>already received  %1 — the same as %2 (photo %3)</source>
        <translation>受付済み          %1 — %2 と同じ（写真 %3）</translation>
    </message>
    <message>
        <source>, on disc %1</source>
        <translation>、ディスク %1</translation>
    </message>
    <message>
        <source>rejected          %1 — %2</source>
        <translation>受付不可          %1 — %2</translation>
    </message>
    <message>
        <source>  [kept on %1, on its way there]</source>
        <translation>  [%1 に保管、転送中]</translation>
    </message>
    <message>
        <source>  [kept on %1]</source>
        <translation>  [%1 に保管]</translation>
    </message>
    <message>
        <source>an unknown day</source>
        <translation>不明な日</translation>
    </message>
    <message>
        <source>looks like %1 (photo %2), handed in on %3</source>
        <translation>%1（写真 %2、%3 にお預かり）と同じに見えます</translation>
    </message>
    <message>
        <source>new               %1 — %2</source>
        <translation>新規              %1 — %2</translation>
    </message>
    <message>
        <source>new version       %1 — %2; %3</source>
        <translation>新しい版          %1 — %2; %3</translation>
    </message>
</context>
<context>
    <name>Keepsake::RegisterPage</name>
    <message>
        <source>Please type your name.</source>
        <translation>お名前を入力してください。</translation>
    </message>
    <message>
        <source>Your PIN needs 4 to 8 digits.</source>
        <translation>PIN は4〜8桁の数字です。</translation>
    </message>
    <message>
        <source>The two PINs differ. Please type the same PIN twice.</source>
        <translation>2つの PIN が一致しません。同じ PIN を2回入力してください。</translation>
    </message>
    <message>
        <source>Register as a new customer</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>お名前</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>電話またはメール</translation>
    </message>
    <message>
        <source>PIN (4 to 8 digits)</source>
        <translation>PIN（4〜8桁）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN（確認）</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
</context>
<context>
    <name>Keepsake::RegistrationSlip</name>
    <message>
        <source>Welcome, %1!</source>
        <translation>ようこそ、%1 様！</translation>
    </message>
    <message>
        <source>Your customer code:</source>
        <translation>お客様番号:</translation>
    </message>
    <message>
        <source>Sign in at the kiosk with this code and your PIN. Keep this slip: the counter asks for the code when you pick up a disc.</source>
        <translation>キオスクでは、この番号と PIN でサインインしてください。この控えは大切に保管してください。ディスクのお受け取りの際にカウンターで番号をお尋ねします。</translation>
    </message>
    <message>
        <source>The registration slip cannot be drawn: the printer did not start. Check the printer and print again.</source>
        <translation>登録票を描画できません。プリンターが起動しませんでした。プリンターを確認して、もう一度印刷してください。</translation>
    </message>
    <message>
        <source>Customer code %1</source>
        <translation>お客様番号 %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteBurn</name>
    <message>
        <source>A dry run plans on this device: leave out --station, or --dry-run.</source>
        <translation>試行はこのデバイス上で計画します。--station か --dry-run のどちらかを外してください。</translation>
    </message>
    <message>
        <source>Station %1 did not take the job: </source>
        <translation>ステーション %1 がジョブを受け付けませんでした: </translation>
    </message>
    <message>
        <source>Station %1, job %2: </source>
        <translation>ステーション %1、ジョブ %2: </translation>
    </message>
    <message numerus="yes">
        <source>Station %1 could not be reached for %n minute(s): job %2 is left to it; keepsakectl jobs --station %1 shows how it ends, and records a verified disc.</source>
        <translation>
            <numerusform>ステーション %1 に %n 分間接続できませんでした。ジョブ %2 はステーションに任せます。keepsakectl jobs --station %1 で結果を確認でき、検証済みのディスクはその際に登録されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Station %1 cancelled job %2: %3</source>
        <translation>ステーション %1 がジョブ %2 を中止しました: %3</translation>
    </message>
    <message>
        <source>Station %1, job %2 failed: %3</source>
        <translation>ステーション %1、ジョブ %2 が失敗しました: %3</translation>
    </message>
    <message>
        <source>%1 (burn)</source>
        <translation>%1（記録）</translation>
    </message>
    <message>
        <source>Job %1 is left to station %2: it goes on there, and its disc is recorded when this device next looks at the queue.</source>
        <translation>ジョブ %1 はステーション %2 に任せます。ジョブはステーションで続行し、このデバイスが次にキューを確認したときにディスクを登録します。</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteIngest</name>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation>%1 を最後まで読めません（%2）。</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>ファイルが空です（0 バイト）</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation>写真としては大きすぎるファイルです（%1 MB。Keepsake が受け付けるのは %2 MB までです）</translation>
    </message>
    <message>
        <source>The device answered %1 of %2 offered files.</source>
        <translation>デバイスは提示したファイル %2 個のうち %1 個に応答しました。</translation>
    </message>
    <message>
        <source>%1 could not be sent: </source>
        <translation>%1 を送信できませんでした: </translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation>ファイルを読み取れません（%1）</translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteKioskBackend</name>
    <message>
        <source>Receipt of hand-in %1</source>
        <translation>お預かり %1 の控え</translation>
    </message>
    <message>
        <source>The receipt cannot be kept on this kiosk for printing: %1. Check the free space of its temporary folder.</source>
        <translation>この端末に印刷用の控えを保存できません: %1。一時フォルダーの空き容量を確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Retention</name>
    <message>
        <source>The catalog has no retention rule for new albums. Add one with keepsakectl rule add.</source>
        <translation>カタログに新しいアルバム用の保管ルールがありません。keepsakectl rule add で追加してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::RetentionRules</name>
    <message>
        <source>There is no retention rule called &quot;%1&quot;. See keepsakectl rule list.</source>
        <translation>「%1」という保管ルールはありません。keepsakectl rule list を参照してください。</translation>
    </message>
    <message>
        <source>There is no retention rule %1.</source>
        <translation>保管ルール %1 はありません。</translation>
    </message>
    <message>
        <source>A retention rule needs a name, e.g. &quot;Premium 1 year&quot;.</source>
        <translation>保管ルールには名前が必要です（例:「プレミアム 1 年」）。</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --keep-days takes a whole number of days from 1 to 36500.</source>
        <translation>ルール「%1」: --keep-days には 1〜36500 の日数（整数）を指定してください。</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --cap-bytes takes a positive number of bytes.</source>
        <translation>ルール「%1」: --cap-bytes には正のバイト数を指定してください。</translation>
    </message>
    <message>
        <source>There is already a retention rule called &quot;%1&quot;.</source>
        <translation>「%1」という保管ルールはすでにあります。</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after hand-in</source>
        <translation>
            <numerusform>受付から %n 日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after the last view</source>
        <translation>
            <numerusform>最終閲覧から %n 日</numerusform>
        </translation>
    </message>
    <message>
        <source>while the customer&apos;s plan lasts</source>
        <translation>お客様のプランが続く間</translation>
    </message>
    <message>
        <source>, at most %1 per customer (oldest albums expire first)</source>
        <translation>、お客様 1 人あたり最大 %1（古いアルバムから期限切れ）</translation>
    </message>
</context>
<context>
    <name>Keepsake::RoutingCommands</name>
    <message>
        <source>the device that keeps a camera body&apos;s photos: add, list, remove</source>
        <translation>カメラ本体の写真を保管するデバイス: add、list、remove</translation>
    </message>
    <message>
        <source>Usage: keepsakectl camera add|list|remove ...
  add     keep a camera body&apos;s photos on a device, wherever they are handed in
  list    the registered cameras
  remove  forget a camera&apos;s registration
Example:
  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin
</source>
        <translation>使い方: keepsakectl camera add|list|remove ...
  add     カメラ本体の写真を、どこで受け付けても指定のデバイスに保管する
  list    登録済みのカメラ
  remove  カメラの登録を取り消す
例:
  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin
</translation>
    </message>
    <message>
        <source>Say what to do with cameras: add, list or remove. See: keepsakectl camera --help</source>
        <translation>カメラに対する操作を指定してください: add、list、remove。keepsakectl camera --help を参照してください</translation>
    </message>
    <message>
        <source>Registers a camera body: its photos are kept on the device named, whichever device receives them. The serial matches regardless of case; with --make, the camera&apos;s make must be that make (&quot;Nikon&quot; matches &quot;NIKON CORPORATION&quot;).</source>
        <translation>カメラ本体を登録します。どのデバイスが受け取っても、その写真は指定したデバイスに保管されます。シリアル番号は大文字・小文字を区別せずに照合します。--make を付けると、カメラのメーカーがそのメーカーである必要があります（「Nikon」は「NIKON CORPORATION」に一致します）。</translation>
    </message>
    <message>
        <source>the camera&apos;s body serial number</source>
        <translation>カメラ本体のシリアル番号</translation>
    </message>
    <message>
        <source>SERIAL</source>
        <translation>SERIAL</translation>
    </message>
    <message>
        <source>the camera&apos;s make, if the serial alone is not enough</source>
        <translation>シリアル番号だけでは足りない場合のカメラのメーカー</translation>
    </message>
    <message>
        <source>MAKE</source>
        <translation>MAKE</translation>
    </message>
    <message>
        <source>the device that keeps its photos</source>
        <translation>写真を保管するデバイス</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>DEVICE</translation>
    </message>
    <message>
        <source>A camera registration needs --serial and --device.</source>
        <translation>カメラの登録には --serial と --device が必要です。</translation>
    </message>
    <message>
        <source>Registered camera %1</source>
        <translation>カメラ %1 を登録しました</translation>
    </message>
    <message>
        <source>Lists the registered camera bodies.</source>
        <translation>登録済みのカメラ本体を一覧表示します。</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>カメラ %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Forgets a camera body&apos;s registrations: its next photos are kept by the usual rule (the owner&apos;s home device, else the receiving one). Photos already stored stay where they are.</source>
        <translation>カメラ本体の登録を取り消します。以後の写真は通常のルール（持ち主のホームデバイス、なければ受け取ったデバイス）で保管されます。すでに保存された写真はそのままです。</translation>
    </message>
    <message>
        <source>Name the camera: --serial SERIAL.</source>
        <translation>カメラを指定してください: --serial SERIAL。</translation>
    </message>
    <message>
        <source>Camera %1 is no longer registered.</source>
        <translation>カメラ %1 の登録を取り消しました。</translation>
    </message>
    <message>
        <source>photos this device still owes the devices that keep them</source>
        <translation>このデバイスが保管先のデバイスにまだ転送していない写真</translation>
    </message>
    <message>
        <source>Lists the photos this device received for another device and has not yet delivered there: in flight or waiting for the target to be reachable.</source>
        <translation>このデバイスが別のデバイス宛てに受け取り、まだ届けていない写真を一覧表示します: 転送中のもの、または送り先に接続できるのを待っているもの。</translation>
    </message>
    <message>
        <source>%1 is not a device: it forwards no photos.</source>
        <translation>%1 はデバイスではないため、写真を転送しません。</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded.</source>
        <translation>
            <numerusform>転送待ちの写真は %n 枚です。</numerusform>
        </translation>
    </message>
    <message>
        <source>an address for a customer&apos;s phone to hand photos in: open</source>
        <translation>お客様のスマートフォンから写真を預けるためのアドレス: open</translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl upload open --customer C</source>
        <translation>操作を指定してください: keepsakectl upload open --customer C</translation>
    </message>
    <message>
        <source>Makes an upload address for the customer&apos;s phone: its page takes one hand-in of photos and dies when that is finished, or after 15 minutes. The kiosk shows it as a QR code.</source>
        <translation>お客様のスマートフォン用のアップロード用アドレスを作成します。そのページでは写真を 1 回だけ受け付け、受付が終わるか 15 分たつと無効になります。キオスクには QR コードとして表示されます。</translation>
    </message>
    <message>
        <source>the customer&apos;s code</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Upload address for %1, until %2:
%3</source>
        <translation>%1 のアップロード用アドレス（%2 まで有効）:
%3</translation>
    </message>
</context>
<context>
    <name>Keepsake::RuleBook</name>
    <message>
        <source>The retention rule &quot;%1&quot; was not added: only the lab&apos;s clerk adds retention rules, not %2. Ask at the counter.</source>
        <translation>保存ルール「%1」は追加されませんでした: 保存ルールを追加できるのはラボの店員だけで、%2 はできません。カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceCall</name>
    <message>
        <source>The request is too large.</source>
        <translation>リクエストが大きすぎます。</translation>
    </message>
    <message>
        <source>The request&apos;s body is not a JSON object.</source>
        <translation>リクエストの本文が JSON オブジェクトではありません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceProtocol</name>
    <message>
        <source>The device answered HTTP %1.</source>
        <translation>デバイスが HTTP %1 を返しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingEdits</name>
    <message>
        <source>The setting %1 was not changed: only the lab&apos;s clerk changes settings, not %2. Ask at the counter.</source>
        <translation>設定 %1 は変更されませんでした: 設定を変更できるのはラボの店員だけで、%2 はできません。カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingFields</name>
    <message>
        <source>Lab name</source>
        <translation>ラボ名</translation>
    </message>
    <message>
        <source>On discs, receipts and index prints, and under every mail.</source>
        <translation>ディスク、受付票、インデックスプリントと、すべてのメールの末尾に載ります。</translation>
    </message>
    <message>
        <source>Lab address</source>
        <translation>ラボの住所</translation>
    </message>
    <message>
        <source>On receipts and under every mail.</source>
        <translation>受付票と、すべてのメールの末尾に載ります。</translation>
    </message>
    <message>
        <source>Notice before expiry</source>
        <translation>期限前のお知らせ</translation>
    </message>
    <message>
        <source>Customers, and the people they shared an album with, get a mail this many days before the album expires.</source>
        <translation>お客様とアルバムの共有相手に、アルバムの期限のこの日数前にメールが届きます。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Keep after recording</source>
        <translation>記録後の保管</translation>
    </message>
    <message>
        <source>After an album went onto a disc its photos stay here, hidden from customers, for this many days in case the disc is lost or faulty; then they are deleted.</source>
        <translation>アルバムをディスクに記録した後も、ディスクの紛失や不良に備えて、写真はお客様には非表示のままこの日数だけここに残り、その後削除されます。</translation>
    </message>
    <message>
        <source>delete at once</source>
        <translation>すぐに削除</translation>
    </message>
    <message>
        <source>Rule for new albums</source>
        <translation>新しいアルバムのルール</translation>
    </message>
    <message>
        <source>How long a new album is kept. Rules are added with keepsakectl rule add.</source>
        <translation>新しいアルバムを保管する期間です。ルールは keepsakectl rule add で追加します。</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>メールサーバー</translation>
    </message>
    <message>
        <source>The server that sends the notices, for example mail.example.com. Left empty, no mail goes out: notices wait in the queue.</source>
        <translation>お知らせを送信するサーバーです（例: mail.example.com）。空欄の場合はメールを送信せず、お知らせは送信待ちのままになります。</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Usually 587 (mail submission) or 25.</source>
        <translation>通常は 587（メール送信用）または 25 です。</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <source>With a user name or password set, mails go out only encrypted unless &quot;never&quot; is chosen (then the password too travels in clear).</source>
        <translation>ユーザー名またはパスワードを設定すると、「暗号化しない」を選ばない限り、メールは暗号化した場合にだけ送信されます（「暗号化しない」ではパスワードも平文で送られます）。</translation>
    </message>
    <message>
        <source>Encrypt when the server offers it (STARTTLS)</source>
        <translation>サーバーが対応していれば暗号化（STARTTLS）</translation>
    </message>
    <message>
        <source>Always encrypt (STARTTLS required)</source>
        <translation>常に暗号化（STARTTLS 必須）</translation>
    </message>
    <message>
        <source>Never encrypt</source>
        <translation>暗号化しない</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>none: the server takes mail without signing in</source>
        <translation>なし: サーバーはログインなしでメールを受け付けます</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>送信元アドレス</translation>
    </message>
    <message>
        <source>The address the notices come from; customers&apos; replies go there.</source>
        <translation>お知らせの送信元アドレスです。お客様からの返信はこのアドレスに届きます。</translation>
    </message>
    <message>
        <source>Index print paper</source>
        <translation>インデックスプリントの用紙</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>US レター</translation>
    </message>
    <message>
        <source>Photo paper 10 × 15 cm</source>
        <translation>写真用紙 10 × 15 cm</translation>
    </message>
    <message>
        <source>Photo paper 4 × 6 in</source>
        <translation>写真用紙 4 × 6 インチ</translation>
    </message>
    <message>
        <source>Photos per row</source>
        <translation>1 行あたりの写真数</translation>
    </message>
    <message>
        <source>On an index print.</source>
        <translation>インデックスプリントでの枚数です。</translation>
    </message>
    <message>
        <source>as many as suit the paper</source>
        <translation>用紙に合わせて自動</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>受付票の用紙</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80 mm ロール紙</translation>
    </message>
    <message>
        <source>Customers&apos; web page</source>
        <translation>お客様向けウェブページ</translation>
    </message>
    <message>
        <source>The address the notice mails link to, as customers reach it from home (https://...). Left empty, the address of the lab&apos;s first device.</source>
        <translation>お知らせメールのリンク先となる、お客様が自宅からアクセスできるアドレスです（https://...）。空欄の場合は、ラボの最初のデバイスのアドレスを使います。</translation>
    </message>
    <message>
        <source>the first device&apos;s address</source>
        <translation>最初のデバイスのアドレス</translation>
    </message>
</context>
<context>
    <name>Keepsake::Settings</name>
    <message>
        <source>the lab&apos;s name on discs, prints and mails</source>
        <translation>ディスク・印刷物・メールに載せるラボの名前</translation>
    </message>
    <message>
        <source>the lab&apos;s address on receipts and mails</source>
        <translation>受付票とメールに載せるラボの住所</translation>
    </message>
    <message>
        <source>days before expiry that owner and viewers are told</source>
        <translation>期限の何日前に持ち主と閲覧者にお知らせするか</translation>
    </message>
    <message>
        <source>days a recorded album stays hidden before deletion</source>
        <translation>記録済みアルバムを削除するまで非表示にしておく日数</translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation>新しいアルバムに適用する保管ルール</translation>
    </message>
    <message>
        <source>mail server for notices</source>
        <translation>お知らせ用のメールサーバー</translation>
    </message>
    <message>
        <source>mail server port</source>
        <translation>メールサーバーのポート</translation>
    </message>
    <message>
        <source>mail server user</source>
        <translation>メールサーバーのユーザー</translation>
    </message>
    <message>
        <source>mail server password</source>
        <translation>メールサーバーのパスワード</translation>
    </message>
    <message>
        <source>sender address of notices</source>
        <translation>お知らせの送信元アドレス</translation>
    </message>
    <message>
        <source>paper of the index prints made after a recording: a4, letter, 10x15 or 4x6</source>
        <translation>記録後に作るインデックスプリントの用紙: a4、letter、10x15、4x6</translation>
    </message>
    <message>
        <source>photos per row of an index print; 0: the paper&apos;s default</source>
        <translation>インデックスプリントの 1 行あたりの写真の数。0 は用紙の既定値</translation>
    </message>
    <message>
        <source>paper of receipts: 80mm (roll), a4 or letter</source>
        <translation>受付票の用紙: 80mm（ロール紙）、a4、letter</translation>
    </message>
    <message>
        <source>There is no setting called %1. See keepsakectl config list.</source>
        <translation>%1 という設定はありません。keepsakectl config list を参照してください。</translation>
    </message>
    <message>
        <source>%1 cannot be &quot;%2&quot;: it takes %3.</source>
        <translation>%1 に「%2」は指定できません。指定できるのは %3 です。</translation>
    </message>
    <message>
        <source>There is no setting called %1.</source>
        <translation>%1 という設定はありません。</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>%1〜%2 の整数</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>次のいずれか: %1</translation>
    </message>
    <message>
        <source>auto (encrypt when the server offers STARTTLS; with smtp.user or smtp.password set, the mail goes only encrypted), required, or off (never encrypt: the password too goes in clear)</source>
        <translation>auto（サーバーが STARTTLS を提供すれば暗号化。smtp.user または smtp.password を設定した場合は暗号化時のみ送信）、required、または off（暗号化しない：パスワードも平文で送信）</translation>
    </message>
    <message>
        <source>The setting %1 could not be read from the catalog: %2. Check the catalog with keepsakectl check, then try again.</source>
        <translation>設定 %1 をカタログから読み取れません：%2。keepsakectl check でカタログを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>The setting %1 holds &quot;%2&quot;, but it takes %3. Set it again with keepsakectl config set %1 VALUE (or in the counter&apos;s settings).</source>
        <translation>設定 %1 の値は「%2」ですが、%3 が必要です。keepsakectl config set %1 値（またはカウンターの設定）で設定し直してください。</translation>
    </message>
    <message>
        <source>an https:// address, like https://lab.example:8443</source>
        <translation>https:// で始まるアドレス（例: https://lab.example:8443）</translation>
    </message>
    <message>
        <source>address of the customers&apos; web page in mails (https://HOST:PORT); empty: the first device&apos;s URL</source>
        <translation>メールに載せるお客様向けウェブページのアドレス（https://HOST:PORT）。空欄: 最初のデバイスの URL</translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingsDialog</name>
    <message>
        <source>Keepsake — Lab settings</source>
        <translation>Keepsake — ラボの設定</translation>
    </message>
    <message>
        <source>Data, printers and drives</source>
        <translation>データ・プリンター・ドライブ</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データフォルダー</translation>
    </message>
    <message>
        <source>To use another data folder, start Keepsake with --data-dir or set KEEPSAKE_DATA_DIR.</source>
        <translation>別のデータフォルダーを使うには、--data-dir を付けて起動するか KEEPSAKE_DATA_DIR を設定してください。</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>カタログ</translation>
    </message>
    <message>
        <source>PostgreSQL (shared by the chain)</source>
        <translation>PostgreSQL（チェーン共有）</translation>
    </message>
    <message>
        <source>SQLite in the data folder</source>
        <translation>データフォルダー内の SQLite</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>プリンター</translation>
    </message>
    <message>
        <source>none found (prints go to PDF files)</source>
        <translation>見つかりません（PDF ファイルに出力します）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>ラボ</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Send a test mail</source>
        <translation>テストメールを送信</translation>
    </message>
    <message>
        <source>an address to send it to, e.g. the lab&apos;s own</source>
        <translation>送信先のアドレス（例: ラボ自身のアドレス）</translation>
    </message>
    <message>
        <source>Uses the settings above as they stand, saved or not.</source>
        <translation>上の設定を、保存したかどうかにかかわらず現在の内容で使います。</translation>
    </message>
    <message>
        <source>Sending a test mail to %1 through %2…</source>
        <translation>%2 経由で %1 にテストメールを送信しています…</translation>
    </message>
    <message>
        <source>The test mail to %1 was sent. Check that it arrived.</source>
        <translation>%1 へのテストメールを送信しました。届いたか確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::ShareRuleCommands</name>
    <message>
        <source>who may view an album: add, remove, list</source>
        <translation>アルバムを見られる人: add、remove、list</translation>
    </message>
    <message>
        <source>Usage: keepsakectl share add|remove|list ...
  add     let a customer or an e-mail address view an album
  remove  take that permission back
  list    who may view an album
Example:
  keepsakectl share add --album 12 --with C2
</source>
        <translation>使い方: keepsakectl share add|remove|list ...
  add     お客様またはメールアドレスにアルバムの閲覧を許可する
  remove  その許可を取り消す
  list    アルバムを見られる人
例:
  keepsakectl share add --album 12 --with C2
</translation>
    </message>
    <message>
        <source>Say what to do with shares: add, remove or list. See: keepsakectl share --help</source>
        <translation>共有に対する操作を指定してください: add、remove、list。keepsakectl share --help を参照してください</translation>
    </message>
    <message>
        <source>Lets another customer or an e-mail address view an album.</source>
        <translation>別のお客様またはメールアドレスにアルバムの閲覧を許可します。</translation>
    </message>
    <message>
        <source>Takes back the permission to view an album.</source>
        <translation>アルバムの閲覧許可を取り消します。</translation>
    </message>
    <message>
        <source>the album&apos;s ID</source>
        <translation>アルバムの ID</translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation>ALBUM</translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation>アルバムの持ち主（タイトルでアルバムを指定する場合）</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>a customer code or an e-mail address</source>
        <translation>お客様番号またはメールアドレス</translation>
    </message>
    <message>
        <source>C|EMAIL</source>
        <translation>C|EMAIL</translation>
    </message>
    <message>
        <source>Name the album and the viewer: --album ID --with CODE|EMAIL.</source>
        <translation>アルバムと閲覧者を指定してください: --album ID --with CODE|EMAIL。</translation>
    </message>
    <message>
        <source>Album %1 (%2) may now be viewed by %3.</source>
        <translation>アルバム %1（%2）を %3 が見られるようになりました。</translation>
    </message>
    <message>
        <source>Album %1 (%2) may no longer be viewed by %3.</source>
        <translation>アルバム %1（%2）を %3 は見られなくなりました。</translation>
    </message>
    <message>
        <source>Lists who may view an album.</source>
        <translation>アルバムを見られる人を一覧表示します。</translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation>アルバムを指定してください: --album ID。</translation>
    </message>
    <message>
        <source>%1  since %2, by %3</source>
        <translation>%1  %2 から、設定者 %3</translation>
    </message>
    <message numerus="yes">
        <source>Album %1 (%2, owner %3): %n viewer(s)</source>
        <translation>
            <numerusform>アルバム %1（%2、持ち主 %3）: 閲覧者 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>retention rules: add, list</source>
        <translation>保管ルール: add、list</translation>
    </message>
    <message>
        <source>Usage: keepsakectl rule add|list ...
  add   a named retention rule
  list  the lab&apos;s rules
Example:
  keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365
</source>
        <translation>使い方: keepsakectl rule add|list ...
  add   名前付きの保管ルール
  list  ラボのルール
例:
  keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365
</translation>
    </message>
    <message>
        <source>Say what to do with rules: add or list. See: keepsakectl rule --help</source>
        <translation>ルールに対する操作を指定してください: add、list。keepsakectl rule --help を参照してください</translation>
    </message>
    <message>
        <source>Adds a named retention rule.</source>
        <translation>名前付きの保管ルールを追加します。</translation>
    </message>
    <message>
        <source>the rule&apos;s name</source>
        <translation>ルール名</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>days to keep an album</source>
        <translation>アルバムを保管する日数</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>count from the hand-in (default) or the last view</source>
        <translation>受付（既定）または最終閲覧から数える</translation>
    </message>
    <message>
        <source>handin|last-view</source>
        <translation>handin|last-view</translation>
    </message>
    <message>
        <source>keep while the customer&apos;s plan lasts</source>
        <translation>お客様のプランが続く間保管する</translation>
    </message>
    <message>
        <source>at most this many bytes per customer; oldest albums expire first</source>
        <translation>お客様 1 人あたりの最大バイト数。古いアルバムから期限切れになります</translation>
    </message>
    <message>
        <source>Name the rule once, e.g. keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365.</source>
        <translation>ルール名を 1 つ指定してください（例: keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365）。</translation>
    </message>
    <message>
        <source>Give either --keep-days N or --while-plan.</source>
        <translation>--keep-days N か --while-plan のどちらかを指定してください。</translation>
    </message>
    <message>
        <source>--keep-days takes a whole number of days.</source>
        <translation>--keep-days には日数（整数）を指定してください。</translation>
    </message>
    <message>
        <source>--after takes handin or last-view, not &quot;%1&quot;.</source>
        <translation>--after には handin か last-view を指定してください（「%1」は使えません）。</translation>
    </message>
    <message>
        <source>--cap-bytes takes a number of bytes.</source>
        <translation>--cap-bytes にはバイト数を指定してください。</translation>
    </message>
    <message>
        <source>Added rule &apos;%1&apos;: %2</source>
        <translation>ルール「%1」を追加しました: %2</translation>
    </message>
    <message>
        <source>Lists the lab&apos;s retention rules.</source>
        <translation>ラボの保管ルールを一覧表示します。</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>ルール %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::Shares</name>
    <message>
        <source>There is no customer with the code %1. Give a customer code or an e-mail address.</source>
        <translation>お客様番号 %1 のお客様はいません。お客様番号またはメールアドレスを指定してください。</translation>
    </message>
    <message>
        <source>Album %1 belongs to this customer already; share it with somebody else.</source>
        <translation>アルバム %1 はすでにこのお客様のものです。別の方と共有してください。</translation>
    </message>
    <message>
        <source>Album %1 was deleted after recording; it cannot be shared.</source>
        <translation>アルバム %1 は記録後に削除されているため、共有できません。</translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2; see keepsakectl share list --album %1.</source>
        <translation>アルバム %1 は %2 と共有されていません。keepsakectl share list --album %1 を参照してください。</translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation>アルバム %1 はありません。お客様のアルバムは keepsakectl albums --customer CODE で一覧できます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Welcome, %1! Your customer code:</source>
        <translation>ようこそ、%1 様！お客様番号:</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
</context>
<context>
    <name>Keepsake::SmtpMailer</name>
    <message>
        <source>No mail server is configured; set one with keepsakectl config set smtp.host HOST.</source>
        <translation>メールサーバーが設定されていません。keepsakectl config set smtp.host HOST で設定してください。</translation>
    </message>
    <message>
        <source>libcurl could not start a mail transfer.</source>
        <translation>libcurl でメール送信を開始できませんでした。</translation>
    </message>
    <message>
        <source>The mail to %1 could not be sent through %2:%3: %4%5</source>
        <translation>%1 宛てのメールを %2:%3 経由で送信できませんでした: %4%5</translation>
    </message>
    <message>
        <source> (the server said: %1)</source>
        <translation> (サーバーの応答: %1)</translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and smtp.starttls is required. Use a mail server with STARTTLS, or change smtp.starttls.</source>
        <translation>%1 へのメールは送信されませんでした：メールサーバー %2 は暗号化（STARTTLS）を提供しておらず、smtp.starttls が required です。STARTTLS に対応したメールサーバーを使うか、smtp.starttls を変更してください。</translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and the password is not sent in clear. Set smtp.starttls off to allow it, or use a mail server with STARTTLS.</source>
        <translation>%1 へのメールは送信されませんでした：メールサーバー %2 は暗号化（STARTTLS）を提供しておらず、パスワードは平文では送信しません。許可するには smtp.starttls を off にするか、STARTTLS に対応したメールサーバーを使ってください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationBurn</name>
    <message>
        <source>Preparing the albums (photos fetched from their devices)</source>
        <translation>アルバムを準備しています（写真を保管先のデバイスから取得）</translation>
    </message>
    <message>
        <source>Writing onto %1</source>
        <translation>%1 に書き込んでいます</translation>
    </message>
    <message>
        <source>Reading the disc back to verify it</source>
        <translation>検証のためディスクを読み戻しています</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationClient</name>
    <message>
        <source>%1 is not a device of a chain, so it cannot ask a burn station: run keepsakectl device init first.</source>
        <translation>%1 はチェーンのデバイスではないため、記録ステーションに依頼できません。先に keepsakectl device init を実行してください。</translation>
    </message>
    <message>
        <source>There is no station %1 in this chain: keepsakectl device list names its devices.</source>
        <translation>このチェーンにステーション %1 はありません。keepsakectl device list でチェーンのデバイスを確認できます。</translation>
    </message>
    <message>
        <source>Station %1 answered without a job.</source>
        <translation>ステーション %1 の応答にジョブが含まれていません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationCommands</name>
    <message>
        <source>queued, %1 in line</source>
        <translation>待機中、%1 番目</translation>
    </message>
    <message>
        <source>%1  %2 %3  customer %4  %5  %6 %  %7</source>
        <translation>%1  %2 %3  お客様 %4  %5  %6 %  %7</translation>
    </message>
    <message>
        <source>the burn stations&apos; jobs: queued, running, ended</source>
        <translation>記録ステーションのジョブ: 待機中、実行中、終了</translation>
    </message>
    <message>
        <source>Lists the recordings asked of a burn station (or of every station of the chain), oldest first, with their state, place in the queue, progress and message. Run on the device that asked for a job, it also records the discs a station verified while that device was not waiting for them (it was stopped or cut off).</source>
        <translation>記録ステーション（またはチェーンのすべてのステーション）に依頼された記録を古い順に、状態、キュー内の順番、進行状況、メッセージとともに一覧表示します。ジョブを依頼したデバイスで実行すると、そのデバイスが待っていなかった間（停止していたか接続が切れていた間）にステーションが検証したディスクも登録します。</translation>
    </message>
    <message>
        <source>only this station&apos;s jobs, as the station tells them</source>
        <translation>このステーションのジョブのみ（ステーションからの報告どおり）</translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation>DEVICE</translation>
    </message>
    <message>
        <source>%1 (jobs)</source>
        <translation>%1（ジョブ）</translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while nobody waited for it: %3</source>
        <translation>ステーション %2 のジョブ %1 は、誰も待っていない間に終了しました: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>ジョブ %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <source>cancel a burn station&apos;s job (job cancel ID)</source>
        <translation>記録ステーションのジョブを中止する（job cancel ID）</translation>
    </message>
    <message>
        <source>Asks the job&apos;s station to cancel it: a queued job ends at once, a running one at its next step; no image is left and the albums stay expired. A job that has ended stays as it ended.</source>
        <translation>ジョブのステーションに中止を依頼します。待機中のジョブは直ちに、実行中のジョブは次の段階で終了します。イメージは残らず、アルバムは期限切れのままです。すでに終了したジョブは終了時の状態のままです。</translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation>サブコマンド</translation>
    </message>
    <message>
        <source>the job&apos;s number, as jobs shows it</source>
        <translation>jobs で表示されるジョブ番号</translation>
    </message>
    <message>
        <source>Say: keepsakectl job cancel ID.</source>
        <translation>keepsakectl job cancel ID と指定してください。</translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation>ジョブ %1 の状態は %2 です。</translation>
    </message>
    <message>
        <source>Job %1 is asked to stop.</source>
        <translation>ジョブ %1 に停止を依頼しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationDrives</name>
    <message>
        <source>The chain&apos;s burn stations could not be read from the catalog: %1</source>
        <translation>チェーンの記録ステーションをカタログから読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationJobs</name>
    <message>
        <source>There is no burn station job %1.</source>
        <translation>記録ステーションのジョブ %1 はありません。</translation>
    </message>
    <message>
        <source>Burn station job %1 ended while its disc was being verified.</source>
        <translation>記録ステーションのジョブ %1 は、ディスクの検証中に終了しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationQueueView</name>
    <message>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>ステーション</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>ドライブ</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進行状況</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>ジョブを中止</translation>
    </message>
    <message>
        <source>%1 (counter)</source>
        <translation>%1（カウンター）</translation>
    </message>
    <message>
        <source>A disc a station verified could not be recorded yet: %1</source>
        <translation>ステーションが検証したディスクをまだ登録できませんでした: %1</translation>
    </message>
    <message>
        <source>The burn stations&apos; queue could not be read from the catalog: %1. It is read again in a few seconds.</source>
        <translation>記録ステーションのキューをカタログから読み込めませんでした: %1。数秒後にもう一度読み込みます。</translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation>イメージファイル %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>queued, %1 in line</source>
        <translation>待機中、%1 番目</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>verified, to be recorded by %1</source>
        <translation>検証済み、%1 による登録待ち</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>検証中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Asking station %1 to cancel job %2…</source>
        <translation>ステーション %1 にジョブ %2 の中止を依頼しています…</translation>
    </message>
    <message>
        <source>Job %1 could not be cancelled: %2</source>
        <translation>ジョブ %1 を中止できませんでした: %2</translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation>ジョブ %1 の状態は %2 です。</translation>
    </message>
    <message>
        <source>Job %1 is asked to stop; its station stops it at its next step.</source>
        <translation>ジョブ %1 に停止を依頼しました。ステーションは次の段階でジョブを停止します。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationReport</name>
    <message>
        <source>The station&apos;s report of the job cannot be read.</source>
        <translation>ジョブについてのステーションの報告を読めません。</translation>
    </message>
    <message>
        <source>The station&apos;s report of disc %1 is incomplete.</source>
        <translation>ディスク %1 についてのステーションの報告が不完全です。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRoutes</name>
    <message>
        <source>An image file on station %1 is named by its absolute path there: stdio:/path/disc.iso, not %2.</source>
        <translation>ステーション %1 上のイメージファイルは、そこでの絶対パスで stdio:/path/disc.iso のように指定します（%2 ではありません）。</translation>
    </message>
    <message>
        <source>Station %1 has no drive %2: keepsakectl drives --station %1 lists its drives.</source>
        <translation>ステーション %1 にドライブ %2 はありません。keepsakectl drives --station %1 でドライブを一覧表示できます。</translation>
    </message>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation>アルバム %1 はお客様 %2 のもので、%3 のものではありません。</translation>
    </message>
    <message>
        <source>A job is named by its number.</source>
        <translation>ジョブは番号で指定します。</translation>
    </message>
    <message>
        <source>Job %1 is not a job of station %2, but of %3.</source>
        <translation>ジョブ %1 はステーション %2 ではなく %3 のジョブです。</translation>
    </message>
    <message>
        <source>Only %1, which asked for job %2, can reject its disc.</source>
        <translation>ジョブ %2 のディスクを拒否できるのは、そのジョブを依頼した %1 だけです。</translation>
    </message>
    <message>
        <source>Rejected by %1.</source>
        <translation>%1 が拒否しました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRunner</name>
    <message>
        <source>%1 is not a device of a chain: a burn station is a device (keepsakectl device init).</source>
        <translation>%1 はチェーンのデバイスではありません。記録ステーションはデバイスである必要があります（keepsakectl device init）。</translation>
    </message>
    <message>
        <source>The station stopped or restarted during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation>このジョブの実行中にステーションが停止または再起動しました。何も記録していません。アルバムは期限切れのままです。もう一度記録してください。</translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation>記録するものはありません。お客様に期限切れのアルバムはありません。</translation>
    </message>
    <message numerus="yes">
        <source>Verified: %n file(s) read back intact; waiting for %1 to record it.</source>
        <translation>
            <numerusform>検証済み: %n ファイルを読み戻し、異常はありませんでした。%1 による登録を待っています。</numerusform>
        </translation>
    </message>
    <message>
        <source>The station was stopped during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation>このジョブの実行中にステーションが停止されました。何も記録していません。アルバムは期限切れのままです。もう一度記録してください。</translation>
    </message>
    <message>
        <source>Cancelled before it started; the albums stay expired.</source>
        <translation>開始前に中止しました。アルバムは期限切れのままです。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StationSettlement</name>
    <message>
        <source>Burn station job %1 has no verified disc to record (it is %2).</source>
        <translation>記録ステーションのジョブ %1 には、登録する検証済みのディスクがありません（状態: %2）。</translation>
    </message>
    <message>
        <source>The manifest of disc %1 that station %2 reports cannot be read: %3</source>
        <translation>ステーション %2 が報告したディスク %1 のマニフェストを読めません: %3</translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation>記録するものはありません。お客様に期限切れのアルバムはありません。</translation>
    </message>
    <message>
        <source>Recorded on disc %1 and verified.</source>
        <translation>ディスク %1 に記録し、検証しました。</translation>
    </message>
    <message>
        <source>Station %1 signed disc %2 with a key this chain does not know (%3): nothing was recorded.</source>
        <translation>ステーション %1 は、このチェーンが知らない鍵（%3）でディスク %2 に署名しました。何も登録していません。</translation>
    </message>
    <message>
        <source>Station %1 reports session %2 of disc %3, which its manifest does not hold: nothing was recorded.</source>
        <translation>ステーション %1 がディスク %3 のセッション %2 を報告しましたが、そのマニフェストにこのセッションはありません。何も登録していません。</translation>
    </message>
    <message>
        <source>Station %1 wrote disc %2 for customer %3, not for %4: nothing was recorded.</source>
        <translation>ステーション %1 はディスク %2 を %4 ではなくお客様 %3 のために書き込みました。何も登録していません。</translation>
    </message>
    <message>
        <source>Disc %1 holds album %2, which job %3 did not ask for: nothing was recorded.</source>
        <translation>ディスク %1 には、ジョブ %3 で依頼していないアルバム %2 が入っています。何も登録していません。</translation>
    </message>
    <message>
        <source>Disc %1 lists photo %2 (%3) of album &apos;%4&apos; with other bytes than the catalog holds: nothing was recorded. Run keepsakectl check on the device that keeps it.</source>
        <translation>ディスク %1 に記載されたアルバム「%4」の写真 %2（%3）のデータが、カタログの内容と異なります。何も登録していません。その写真を保管しているデバイスで keepsakectl check を実行してください。</translation>
    </message>
    <message>
        <source>Station %1 verified disc %2, but the catalog could not record it: </source>
        <translation>ステーション %1 はディスク %2 を検証しましたが、カタログに登録できませんでした: </translation>
    </message>
    <message>
        <source>Job %1 was recorded elsewhere.</source>
        <translation>ジョブ %1 は別の場所で登録されました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StatusCommand</name>
    <message>
        <source>the lab at a glance</source>
        <translation>ラボの概要</translation>
    </message>
    <message>
        <source>Shows customers, albums by state, the store&apos;s size and free space, and failures.</source>
        <translation>お客様、状態別のアルバム、保管庫のサイズと空き容量、失敗を表示します。</translation>
    </message>
    <message>
        <source>Data folder: %1
Catalog:     %2 (schema %3)
Customers:   %4
Albums:      %5
Photos:      %6 in %7 stored files, %8
Free space:  %9
Failed hand-ins: %10</source>
        <translation>データフォルダー: %1
カタログ:       %2（スキーマ %3）
お客様:         %4
アルバム:       %5
写真:           %6（保存ファイル %7、%8）
空き容量:       %9
失敗した受付:   %10</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Interrupted hand-ins: %1 (their program ended before they did; the photos stored stay, hand those cards in again)</source>
        <translation>中断された受け付け: %1（完了前にプログラムが終了しました。保存済みの写真は残ります。これらのカードをもう一度受け付けてください）</translation>
    </message>
</context>
<context>
    <name>Keepsake::Store</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 を読めません: %2。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCheck</name>
    <message>
        <source>The check of the photo store was cancelled.</source>
        <translation>写真保存領域の確認は中止されました。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCommands</name>
    <message>
        <source>make the missing thumbnails of stored photos</source>
        <translation>保存済み写真の足りないサムネイルを作成する</translation>
    </message>
    <message>
        <source>only this customer&apos;s photos</source>
        <translation>このお客様の写真のみ</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation>サムネイル</translation>
    </message>
    <message>
        <source>No thumbnail for stored file %1: %2</source>
        <translation>保存ファイル %1 のサムネイルはありません: %2</translation>
    </message>
    <message>
        <source>check that the photo store and the catalog agree</source>
        <translation>写真保管庫とカタログが一致しているか確認する</translation>
    </message>
    <message>
        <source>Checks every stored file against the catalog: files nothing references, catalogued files that are missing, files whose bytes changed.</source>
        <translation>保存ファイルをすべてカタログと照合します: どこからも参照されていないファイル、カタログにあるのに存在しないファイル、内容が変わったファイル。</translation>
    </message>
    <message>
        <source>delete the files nothing references</source>
        <translation>どこからも参照されていないファイルを削除する</translation>
    </message>
    <message>
        <source>files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>unreferenced: %1 (no photo uses it; --repair deletes it)</source>
        <translation>参照なし: %1（どの写真も使っていません。--repair で削除します）</translation>
    </message>
    <message>
        <source>missing: %1 is catalogued but its file is gone; restore the store from backup</source>
        <translation>欠落: %1 はカタログにありますが、ファイルがありません。バックアップから保管庫を復元してください</translation>
    </message>
    <message>
        <source>damaged: the bytes of %1 changed; restore it from backup</source>
        <translation>破損: %1 の内容が変わっています。バックアップから復元してください</translation>
    </message>
    <message>
        <source>The store and the catalog agree (%1 files checked).</source>
        <translation>保管庫とカタログは一致しています（%1 ファイルを確認）。</translation>
    </message>
    <message>
        <source>%1 files checked: %2 unreferenced (%3 deleted), %4 missing, %5 damaged.</source>
        <translation>%1 ファイルを確認: 参照なし %2（削除 %3）、欠落 %4、破損 %5。</translation>
    </message>
    <message>
        <source>warning: %1 has mode %2: other local users can read the lab&apos;s photos, PIN hashes or mail password. Run: chmod %3 %1</source>
        <translation>警告：%1 のモードは %2 です。このコンピューターの他のユーザーが店の写真、PIN ハッシュ、メールのパスワードを読めます。実行してください：chmod %3 %1</translation>
    </message>
    <message>
        <source>Makes every missing thumbnail (grid and print size) of the stored photos, and gives the photos stored before near-duplicates were looked for their picture hash.</source>
        <translation>保存済みの写真のうち足りないサムネイル（一覧用と印刷用）をすべて作成し、類似写真の検出より前に保存された写真に画像ハッシュを付けます。</translation>
    </message>
    <message>
        <source>%1 thumbnails made, %2 were there, %3 failed; %4 photos stored before got their picture hash (%5 s).</source>
        <translation>サムネイル %1 件を作成、%2 件は作成済み、%3 件は失敗。以前に保存された写真 %4 枚に画像ハッシュを付けました（%5 秒）。</translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreLock</name>
    <message>
        <source>The photo store&apos;s lock %1 cannot be opened: %2. Check the data folder&apos;s permissions.</source>
        <translation>写真保存領域のロック %1 を開けません: %2。データフォルダーの権限を確認してください。</translation>
    </message>
    <message>
        <source>The photo store&apos;s lock %1 cannot be taken: %2.</source>
        <translation>写真保存領域のロック %1 を取得できません: %2。</translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalNotices</name>
    <message>
        <source>There is no notice %1 for a terminal; show the customer&apos;s notices again and choose one of them.</source>
        <translation>端末向けのお知らせ %1 はありません。お客様のお知らせをもう一度表示して、その中から選んでください。</translation>
    </message>
    <message>
        <source>%1 has no notices of their own.</source>
        <translation>%1 には自分宛てのお知らせはありません。</translation>
    </message>
    <message>
        <source>%1 may not mark notice %2 read: it is somebody else&apos;s.</source>
        <translation>%1 はお知らせ %2 を既読にできません。別の人宛てのお知らせです。</translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalSessions</name>
    <message>
        <source>The customer&apos;s session at this terminal has ended: sign in again.</source>
        <translation>この端末でのお客様のセッションは終了しました。もう一度サインインしてください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::Terminals</name>
    <message>
        <source>The terminal name &quot;%1&quot; is not usable: give 1 to 64 characters on one line, e.g. kiosk-1.</source>
        <translation>端末名「%1」は使えません。1 行で 1〜64 文字を指定してください（例: kiosk-1）。</translation>
    </message>
    <message>
        <source>This device already has a terminal named %1. Remove it first (keepsakectl terminal remove %1), or choose another name.</source>
        <translation>このデバイスには %1 という名前の端末がすでにあります。先にその端末を削除するか（keepsakectl terminal remove %1）、別の名前を選んでください。</translation>
    </message>
    <message>
        <source>This device has no terminal named %1. See: keepsakectl terminal list</source>
        <translation>このデバイスに %1 という名前の端末はありません。keepsakectl terminal list を参照してください</translation>
    </message>
    <message>
        <source>This terminal&apos;s token is not accepted by the device (unknown or revoked). Pair the terminal again: keepsakectl terminal add NAME.</source>
        <translation>この端末のトークンはデバイスに受け付けられません（不明または無効化済み）。端末をもう一度ペアリングしてください: keepsakectl terminal add NAME。</translation>
    </message>
</context>
<context>
    <name>Keepsake::TestMail</name>
    <message>
        <source>No mail server is set: enter the mail server&apos;s name first.</source>
        <translation>メールサーバーが設定されていません。先にメールサーバー名を入力してください。</translation>
    </message>
    <message>
        <source>The test mail was not sent: &quot;%1&quot; is not a usable address (%2).</source>
        <translation>テストメールは送信されませんでした。「%1」は使えるアドレスではありません（%2）。</translation>
    </message>
    <message>
        <source>The test mail was not sent: the sender address &quot;%1&quot; is not usable (%2).</source>
        <translation>テストメールは送信されませんでした。送信元アドレス「%1」は使えません（%2）。</translation>
    </message>
    <message>
        <source>Test mail from %1</source>
        <translation>%1 からのテストメール</translation>
    </message>
    <message>
        <source>This mail was sent from the counter&apos;s settings to check that %1 can send its notices through %2.
Nothing needs to be done.</source>
        <translation>このメールは、%1 が %2 経由でお知らせを送信できるか確認するため、カウンターの設定から送信されました。
特に対応は必要ありません。</translation>
    </message>
    <message>
        <source>The test mail to %1 was not sent: %2</source>
        <translation>%1 へのテストメールは送信されませんでした: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::ThumbnailJob</name>
    <message>
        <source>Cancelled after %1 of %2 thumbnails.</source>
        <translation>サムネイル %2 件中 %1 件で中止しました。</translation>
    </message>
    <message>
        <source>Cannot open the stored file %1: %2</source>
        <translation>保存されたファイル %1 を開けません: %2</translation>
    </message>
</context>
<context>
    <name>Keepsake::Thumbnailer</name>
    <message>
        <source>A thumbnail needs the file&apos;s SHA-256, not &quot;%1&quot;.</source>
        <translation>サムネイルにはファイルの SHA-256 が必要です（「%1」は使えません）。</translation>
    </message>
    <message>
        <source>There is no picture to make a thumbnail from.</source>
        <translation>サムネイルの元になる画像がありません。</translation>
    </message>
    <message>
        <source>The thumbnail cannot be encoded.</source>
        <translation>サムネイルをエンコードできません。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>No thumbnail for %1: %2</source>
        <translation>%1 のサムネイルはありません: %2</translation>
    </message>
    <message>
        <source>Cannot create the thumbnail folder for %1.</source>
        <translation>%1 のサムネイル用フォルダーを作成できません。</translation>
    </message>
    <message>
        <source>Cannot write the thumbnail %1: %2</source>
        <translation>サムネイル %1 を書き込めません: %2</translation>
    </message>
    <message>
        <source>The thumbnail received for %1 is no JPEG picture of the expected size.</source>
        <translation>%1 について受け取ったサムネイルは、想定したサイズの JPEG 画像ではありません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::TouchKeyboard</name>
    <message>
        <source>Caps lock</source>
        <translation>大文字ロック</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>次の項目</translation>
    </message>
    <message>
        <source>Keyboard: %1. Tap for another language.</source>
        <translation>キーボード: %1。タップすると別の言語に切り替わります。</translation>
    </message>
    <message>
        <source>Digits and symbols</source>
        <translation>数字と記号</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Voiced sound mark</source>
        <translation>濁点・半濁点</translation>
    </message>
    <message>
        <source>Small kana</source>
        <translation>小さい文字</translation>
    </message>
    <message>
        <source>Hiragana</source>
        <translation>ひらがな</translation>
    </message>
    <message>
        <source>Katakana</source>
        <translation>カタカナ</translation>
    </message>
</context>
<context>
    <name>Keepsake::UploadRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>「%1」は ID ではありません。</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameraCopy</name>
    <message>
        <source>%1 shows no files. A phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android): unlock it, allow access, then unplug it and plug it in again.</source>
        <translation>%1 にファイルが表示されません。スマートフォンは、ロックが解除されていて、このコンピューターからのアクセスを許可している間だけ写真を表示します（iPhone では「信頼」、Android では「ファイル転送」または「PTP」）。ロックを解除してアクセスを許可し、取り外してからもう一度接続してください。</translation>
    </message>
    <message>
        <source>not copied: %1</source>
        <translation>コピーしていません: %1</translation>
    </message>
    <message>
        <source>the camera gives this folder a name that cannot be a folder&apos;s name here; its files were not copied</source>
        <translation>カメラがこのフォルダーに付けている名前は、ここではフォルダー名として使えません。中のファイルはコピーしていません</translation>
    </message>
    <message numerus="yes">
        <source>the folder lies more than %n folder(s) deep on the camera; its files were not copied</source>
        <translation>
            <numerusform>このフォルダーはカメラ上で %n 階層より深い場所にあります。中のファイルはコピーしていません</numerusform>
        </translation>
    </message>
    <message>
        <source>the camera gives this file a name that cannot be a file&apos;s name here</source>
        <translation>カメラがこのファイルに付けている名前は、ここではファイル名として使えません</translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB); it was not copied</source>
        <translation>写真としては大きすぎるファイルです（%1 MB。Keepsake が受け付けるのは %2 MB までです）。コピーしていません</translation>
    </message>
    <message>
        <source>There is no room for the photos of %1: they take %2, and %3 has only %4 free. Free some space there and hand the camera in again.</source>
        <translation>%1 の写真を保存する空き容量がありません。写真は %2 あり、%3 の空き容量は %4 しかありません。そこに空き容量を確保して、カメラをもう一度受け付けてください。</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation>スプールフォルダー %1 を作成できません。%2 の空き容量と権限を確認してください。</translation>
    </message>
    <message>
        <source>%1 cannot be written into the spool folder %2: %3.</source>
        <translation>%1 をスプールフォルダー %2 に書き込めません: %3。</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameras</name>
    <message>
        <source>Name the camera&apos;s port (`keepsakectl usb` lists the cameras connected now).</source>
        <translation>カメラのポートを指定してください（現在接続されているカメラは `keepsakectl usb` で一覧できます）。</translation>
    </message>
    <message>
        <source>No camera or phone is connected at %1: plug it in and unlock it, or name its model.</source>
        <translation>%1 にはカメラもスマートフォンも接続されていません。接続してロックを解除するか、機種を指定してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCommand</name>
    <message>
        <source>cameras and phones connected by USB</source>
        <translation>USB で接続されたカメラとスマートフォン</translation>
    </message>
    <message>
        <source>Lists the cameras and phones connected to this computer by USB that libgphoto2 reads (PTP, MTP): their model and port. Hand one in with: ingest --customer C --usb PORT. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation>このコンピューターに USB で接続され、libgphoto2 で読み取れるカメラとスマートフォン（PTP、MTP）の機種とポートを一覧表示します。受け付けるには: ingest --customer C --usb PORT。スマートフォンは、ロックが解除されていて、このコンピューターからのアクセスを許可している間だけ表示されます。</translation>
    </message>
    <message>
        <source>No camera or phone on USB. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation>USB で接続されたカメラやスマートフォンはありません。スマートフォンは、ロックが解除されていて、このコンピューターからのアクセスを許可している間だけ表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s) or phone(s); hand one in with: keepsakectl ingest --customer C --usb PORT</source>
        <translation>
            <numerusform>カメラまたはスマートフォン %n 台。受け付けるには: keepsakectl ingest --customer C --usb PORT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbHandin</name>
    <message>
        <source>Stopped while copying from %1: nothing of it was handed in.</source>
        <translation>%1 からのコピー中に中止しました。何も受け付けていません。</translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation>スプールフォルダー %1 を作成できません。%2 の空き容量と権限を確認してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebFront</name>
    <message>
        <source>Method not allowed here.</source>
        <translation>このメソッドはここでは使用できません。</translation>
    </message>
    <message>
        <source>No such page: %1</source>
        <translation>そのページはありません: %1</translation>
    </message>
    <message>
        <source>This request did not come from the lab&apos;s page.</source>
        <translation>このリクエストはラボのページから送信されたものではありません。</translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation>そのパスはありません: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebLinks</name>
    <message>
        <source>The lab serves no web page: set web.url or make this data folder a device.</source>
        <translation>ラボはウェブページを提供していません。web.url を設定するか、このデータフォルダーをデバイスにしてください。</translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab for a new link.</source>
        <translation>このリンクは使用済みか、期限が切れています。お客様番号と PIN でサインインするか、ラボに新しいリンクをご依頼ください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPage</name>
    <message>
        <source>Your photos</source>
        <translation>あなたの写真</translation>
    </message>
    <message>
        <source>Skip to the content</source>
        <translation>本文へ移動</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>The lab cannot be reached. Check your connection and try again.</source>
        <translation>ラボに接続できません。接続を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The lab answered with an error (%1). Try again later, or ask the lab.</source>
        <translation>ラボからエラーが返されました（%1）。しばらくしてからもう一度お試しいただくか、ラボにお問い合わせください。</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Sign in with the customer code from your receipt and your PIN.</source>
        <translation>受付票に記載のお客様番号と PIN でサインインしてください。</translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab.</source>
        <translation>このリンクは使用済みか、期限が切れています。お客様番号と PIN でサインインするか、ラボにお問い合わせください。</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Enter your customer code and your PIN.</source>
        <translation>お客様番号と PIN を入力してください。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation>%1 様（お客様番号 %2）</translation>
    </message>
    <message>
        <source>Viewing as %1</source>
        <translation>%1 として閲覧中</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>アルバム</translation>
    </message>
    <message>
        <source>There are no albums for you to see right now.</source>
        <translation>現在ご覧いただけるアルバムはありません。</translation>
    </message>
    <message>
        <source>Cover photo of %1</source>
        <translation>%1 の表紙写真</translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation>%1 さんが共有</translation>
    </message>
    <message>
        <source>Photos: %1 (%2)</source>
        <translation>写真: %1 枚（%2）</translation>
    </message>
    <message>
        <source>Kept here until %1</source>
        <translation>%1 までここで保管</translation>
    </message>
    <message>
        <source>Goes onto disc soon</source>
        <translation>まもなくディスクに記録</translation>
    </message>
    <message>
        <source>Back to the albums</source>
        <translation>アルバム一覧に戻る</translation>
    </message>
    <message>
        <source>Download all (zip)</source>
        <translation>すべてダウンロード（ZIP）</translation>
    </message>
    <message>
        <source>Download the album %1 as a zip file</source>
        <translation>アルバム %1 を ZIP ファイルでダウンロード</translation>
    </message>
    <message>
        <source>This album has no photos.</source>
        <translation>このアルバムには写真がありません。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 をダウンロード</translation>
    </message>
    <message>
        <source>%1 (no preview)</source>
        <translation>%1（プレビューなし）</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>お知らせ</translation>
    </message>
    <message>
        <source>No notices.</source>
        <translation>お知らせはありません。</translation>
    </message>
    <message>
        <source>Notices, unread: %1</source>
        <translation>お知らせ、未読: %1</translation>
    </message>
    <message>
        <source>Sent on %1</source>
        <translation>%1 送信</translation>
    </message>
    <message>
        <source>Open the album %1</source>
        <translation>アルバム %1 を開く</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>既読にする</translation>
    </message>
    <message>
        <source>Mark the notice &quot;%1&quot; read</source>
        <translation>お知らせ「%1」を既読にする</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>既読</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>新しいお知らせ</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>このメッセージを閉じる</translation>
    </message>
    <message>
        <source>Hand in photos</source>
        <translation>写真の受付</translation>
    </message>
    <message>
        <source>Photos for %1</source>
        <translation>%1 様の写真</translation>
    </message>
    <message>
        <source>This address works until %1.</source>
        <translation>このアドレスは %1 まで有効です。</translation>
    </message>
    <message>
        <source>Choose the photos and videos to hand in. They go to the lab as they are, in full quality.</source>
        <translation>お預けになる写真と動画を選んでください。そのままのフル画質でラボに送られます。</translation>
    </message>
    <message>
        <source>Choose photos</source>
        <translation>写真を選ぶ</translation>
    </message>
    <message>
        <source>Files chosen: %1 (%2)</source>
        <translation>選んだファイル: %1 件（%2）</translation>
    </message>
    <message>
        <source>Send to the lab</source>
        <translation>ラボに送る</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>%1 の進行状況</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Checking file %1 of %2…</source>
        <translation>ファイル %1 / %2 を確認中…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Sending file %1 of %2…</source>
        <translation>ファイル %1 / %2 を送信中…</translation>
    </message>
    <message>
        <source>Sending: %1 %</source>
        <translation>送信中: %1 %</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <source>The lab has this photo already: nothing to send.</source>
        <translation>この写真はすでにラボにあります。送信は不要です。</translation>
    </message>
    <message>
        <source>The lab refused this file.</source>
        <translation>このファイルはラボに受け付けられませんでした。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>受付不可: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>送信できませんでした: %1</translation>
    </message>
    <message>
        <source>Handing in…</source>
        <translation>受付中…</translation>
    </message>
    <message>
        <source>The lab is taking in the photos: %1 of %2 done.</source>
        <translation>ラボで写真を受け付けています: %2 件中 %1 件完了。</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>受付完了</translation>
    </message>
    <message>
        <source>New: %1. Handed in before: %2. New versions: %3. Not taken: %4.</source>
        <translation>新規: %1。受付済み: %2。新しいバージョン: %3。受付不可: %4。</translation>
    </message>
    <message>
        <source>You can close this page now: the photos are in your albums at the lab.</source>
        <translation>このページはもう閉じてかまいません。写真はラボのあなたのアルバムに入りました。</translation>
    </message>
    <message>
        <source>The hand-in failed. Ask at the counter for help.</source>
        <translation>受付に失敗しました。カウンターでお尋ねください。</translation>
    </message>
    <message>
        <source>This upload address has expired or was used already. Ask at the kiosk for a new QR code.</source>
        <translation>このアップロード用アドレスは期限切れか使用済みです。キオスクで新しい QR コードを表示してください。</translation>
    </message>
    <message>
        <source>These photos were handed in already. To hand in more, ask at the kiosk for a new QR code.</source>
        <translation>これらの写真はすでに受け付けました。ほかの写真は、キオスクで新しい QR コードを表示してください。</translation>
    </message>
    <message>
        <source>This browser cannot check the photos on this page. Open the address from the QR code again (it begins with https), or ask at the kiosk.</source>
        <translation>このブラウザーでは、このページで写真を確認できません。QR コードのアドレス（https で始まります）をもう一度開くか、キオスクでお尋ねください。</translation>
    </message>
    <message>
        <source>This address is incomplete. Scan the QR code at the kiosk again.</source>
        <translation>このアドレスは不完全です。キオスクの QR コードをもう一度読み取ってください。</translation>
    </message>
    <message>
        <source>New photo: stored at the lab</source>
        <translation>新しい写真: 受け付けました</translation>
    </message>
    <message>
        <source>Handed in before: not stored again</source>
        <translation>受付済み: 再保存はしていません</translation>
    </message>
    <message>
        <source>New version of a photo handed in before: stored at the lab</source>
        <translation>以前お預かりした写真の新しいバージョン: 受け付けました</translation>
    </message>
    <message>
        <source>Not taken: no photo or video could be read from this file</source>
        <translation>受付不可: このファイルから写真や動画を読み取れませんでした</translation>
    </message>
    <message>
        <source>Not taken: %1</source>
        <translation>受付不可: %1</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPhoneRoutes</name>
    <message>
        <source>A piece of a photo needs its path and offset.</source>
        <translation>写真の断片にはパスとオフセットが必要です。</translation>
    </message>
    <message>
        <source>A piece of %1 is larger than the device takes: send smaller pieces.</source>
        <translation>%1 の断片が、デバイスで受け付けられる大きさを超えています。より小さな断片に分けて送信してください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebReply</name>
    <message>
        <source>The photo&apos;s file is gone from this device: ask the lab.</source>
        <translation>この写真のファイルは、このデバイスにはもうありません。ラボにお問い合わせください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation>「%1」は ID ではありません。</translation>
    </message>
    <message>
        <source>%1 is kept on %2, not on this device: download it there, or ask the lab.</source>
        <translation>%1 はこのデバイスではなく %2 に保管されています。そちらでダウンロードするか、ラボにお問い合わせください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WebSessions</name>
    <message>
        <source>Your session on this page has ended: sign in again.</source>
        <translation>このページでのセッションは終了しました。もう一度サインインしてください。</translation>
    </message>
</context>
<context>
    <name>Keepsake::WelcomePage</name>
    <message>
        <source>Welcome to %1</source>
        <translation>%1 へようこそ</translation>
    </message>
    <message>
        <source>Your card is ready. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation>カードを認識しました。お客様番号と PIN でサインインすると写真を受け付けます。</translation>
    </message>
    <message>
        <source>Insert a memory card or USB stick, or sign in to see your albums.</source>
        <translation>メモリーカードか USB メモリーを差し込むか、サインインしてアルバムをご覧ください。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>はじめての方</translation>
    </message>
    <message>
        <source>Your camera or phone is connected. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation>カメラまたはスマートフォンを認識しました。お客様番号と PIN でサインインすると写真を受け付けます。</translation>
    </message>
</context>
<context>
    <name>Keepsake::XmpSidecar</name>
    <message>
        <source>The metadata of %1 could not be written as XMP.</source>
        <translation>%1 のメタデータを XMP として書き込めませんでした。</translation>
    </message>
    <message>
        <source>The sidecar %1 could not be written: %2</source>
        <translation>サイドカーファイル %1 を書き込めませんでした: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keepsake: photo keeping for photo labs.</source>
        <translation>Keepsake: 写真ラボのための写真保管。</translation>
    </message>
    <message>
        <source>The lab&apos;s data folder (or KEEPSAKE_DATA_DIR).</source>
        <translation>ラボのデータフォルダー（または KEEPSAKE_DATA_DIR）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG).</source>
        <translation>sqlite:PATH または postgresql://USER@HOST:PORT/DB（または KEEPSAKE_CATALOG）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Start the customers&apos; touchscreen instead of the counter window.</source>
        <translation>カウンター画面の代わりにお客様用タッチスクリーンを起動します。</translation>
    </message>
    <message>
        <source>Folders where cards and USB sticks are mounted, for the kiosk (default /media and /run/media; may be repeated).</source>
        <translation>キオスク用: カードや USB メモリーがマウントされるフォルダー（既定 /media と /run/media、複数指定可）。</translation>
    </message>
    <message>
        <source>Show the kiosk in a window instead of full screen.</source>
        <translation>キオスクを全画面ではなくウィンドウで表示します。</translation>
    </message>
    <message>
        <source>Keepsake</source>
        <translation>Keepsake</translation>
    </message>
    <message>
        <source>The kiosk as the client of this device&apos;s service, https://HOST:PORT (or KEEPSAKE_DEVICE): it opens no lab here; --data-dir then only holds its cache of thumbnails.</source>
        <translation>このデバイスのサービスのクライアントとしてキオスクを動かします。https://HOST:PORT（または KEEPSAKE_DEVICE）。ここではラボを開かず、--data-dir にはサムネイルのキャッシュだけを置きます。</translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint, as terminal add printed it (or KEEPSAKE_DEVICE_FINGERPRINT).</source>
        <translation>terminal add が表示した、デバイスの証明書のフィンガープリント（または KEEPSAKE_DEVICE_FINGERPRINT）。</translation>
    </message>
    <message>
        <source>FP</source>
        <translation>FP</translation>
    </message>
    <message>
        <source>This kiosk&apos;s token, as terminal add printed it (or KEEPSAKE_DEVICE_TOKEN).</source>
        <translation>terminal add が表示した、このキオスクのトークン（または KEEPSAKE_DEVICE_TOKEN）。</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>TOKEN</translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation>--device にはデバイスのアドレスを https://HOST:PORT の形で指定してください（「%1」は使えません）。</translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this kiosk&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation>--device には、デバイスの証明書のフィンガープリント（--fingerprint）とこのキオスクのトークン（--token）が必要です。デバイス上で keepsakectl terminal add が表示したものを指定してください。</translation>
    </message>
    <message>
        <source>--device is for the kiosk: keepsake --kiosk --device URL --fingerprint FP --token TOKEN.</source>
        <translation>--device はキオスク用です: keepsake --kiosk --device URL --fingerprint FP --token TOKEN。</translation>
    </message>
    <message>
        <source>The CUPS queue of the receipt printer beside the kiosk (or KEEPSAKE_RECEIPT_PRINTER): a hand-in&apos;s receipt is printed there on request. Without one the kiosk shows the receipt on its screen only.</source>
        <translation>キオスク横のレシートプリンターの CUPS キュー（または KEEPSAKE_RECEIPT_PRINTER）: お預かりの控えは求めに応じてそこで印刷されます。指定がなければ、キオスクは控えを画面に表示するだけです。</translation>
    </message>
    <message>
        <source>QUEUE</source>
        <translation>QUEUE</translation>
    </message>
</context>
</TS>
