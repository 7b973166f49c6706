/**
 * English sentiment and emotion lexicon for lib/analysis/sentiment.ts, written
 * for Deskmate. Valences run from -4 (very negative) to +4 (very positive),
 * VADER-style; an entry may be a single word or a phrase of up to five words
 * (phrases win over their words). Inflections not listed fall back to a crude
 * stem (see sentiment.ts). The entries and valences are our own; VADER's
 * lexicon (vaderSentiment, MIT / Apache-2.0) was only read to find common
 * words missing here, and deliberately differs where customer messages use a
 * word neutrally ("please", "help", "like", "free", "credit", "well" from "we'll").
 *
 * Tiers, so that the neutral band in sentiment.ts means "no clear word":
 * ±1.2 and beyond is one clear sentiment word (delayed, rude, thanks);
 * ±0.5–0.9 is a hint that takes company to make a message polar (issue, ok).
 * A word customers use when they merely ask (cancel, refund, change) is a hint;
 * the event having happened (cancelled, double charged) is clear.
 */

/** Valence → space-separated words; phrases use '_' for spaces. */
export const EN_VALENCE: Record<string, string> = {
  '3.2':
    'excellent outstanding superb fantastic phenomenal brilliant flawless perfect perfectly exceptional ' +
    'thank_you_so_much thanks_so_much thank_you_very_much thanks_a_million thank_you_so_so_much love_it loved_it love_this ' +
    'best_service above_and_beyond lifesaver life_saver made_my_day over_the_moon blown_away top_notch world_class ' +
    'love_you_guys best_ever the_best customer_for_life',
  '2.8':
    'amazing awesome wonderful fabulous terrific delighted delightful love loved loving lovely thrilled ' +
    'incredible marvelous marvellous stellar impressive impressed grateful thankful best ' +
    'thanks_a_lot thank_you_very much_appreciated really_appreciate highly_recommend works_perfectly worked_perfectly ' +
    'problem_solved issue_resolved all_sorted you_rock you_guys_rock kudos bravo gorgeous stunning superstar rockstar ' +
    'delicious adorable heroes hero legend legends',
  '2.2':
    'handsome clever refreshing talented elegant charming brave inspiring inspired wholesome beautifully thriving ' +
    'great happy pleased glad satisfied appreciate appreciated helpful enjoy enjoyed enjoying ' +
    'beautiful recommend recommended reliable smooth seamless quick speedy efficient friendly kind ' +
    'congratulations congrats yay hooray excited exciting nice cool ' +
    'thank_you thanks thank thx ty tnx resolved fixed solved sorted works_now working_now works_great ' +
    'good_job well_done nice_job much_better shoutout shout_out favorite favourite considerate thoughtful ' +
    'generous caring attentive accommodating knowledgeable hassle_free tasty yummy pleasure enjoyable ' +
    'fun_flight great_flight blessed celebrate success successful successfully worth_it rocks',
  '1.6':
    'sturdy durable ' +
    'pretty smart strong attractive wise super proud_of well_put good_point ' +
    'good pleasant easy useful clear fast courteous polite patient professional responsive ' +
    'convenient comfortable worth affordable glad_to fun funny hilarious haha hahaha lol lmao ' +
    'optimistic proud relieved relief supportive ' +
    'better improved improvement safe secure accurate correct right_away quickly promptly ' +
    'no_problem no_worries no_rush all_good fair_enough makes_sense prompt swift timely painless ' +
    'straightforward intuitive user_friendly handy bargain cheers bless cant_wait can_not_wait cannot_wait ' +
    'looking_forward smile smiling laugh laughing cute sweet lucky luck trust trusted honest genuine ' +
    'respect respectful comfy cozy cosy spacious roomy clean tidy fresh upgraded on_time liked i_like we_like ' +
    'kiss hug hugs xoxo win winner wins solid excited_to glad_i',
  '0.9':
    'ok okay alright interesting agree welcome please_keep hope hoping hopefully fine fair ' +
    'decent reasonable adequate acceptable understand understood calm easier helped help_me_out early upgrade ' +
    'solution',
  '-0.5':
    'had_to have_to_pay had_to_pay ' +
    'still again yet_another whatever hmm hmmm seriously_though',
  '-0.8':
    'i_was_told we_were_told whats_going_on what_is_going_on what_happened_to charged_me billed_me ' +
    'issue issues problem problems concern concerned confused confusing unclear weird strange ' +
    'slow slowly wait waiting waited complicated difficult hard ' +
    'missing wrong error errors mistake mistakes glitch glitches bug bugs inconvenient inconvenience ' +
    'unfortunately sorry expensive pricey overpriced cancel cancellation refund ' +
    'nobody noone no_one forever supposed_to should_have should_of could_be_better would_be_nice ' +
    'excuse excuses oops whoops awkward tired freezing noisy dropped offline unavailable ' +
    'out_of_stock sold_out diverted not_even emergency sigh all_day invalid missed miss misses bland ' +
    'switching crowded packed',
  '-1.2':
    'weak slacking shortage shortages plummeting plummeted slowdown criticizes criticized criticised hostage expired leaks ' +
    'no_show no_shows was_promised were_promised only_to_find still_billed still_charged ' +
    'how_hard_is_it how_difficult_is_it down_since went_down goes_down keeps_crashing keeps_failing ' +
    'late delay delays on_hold no_reply no_answer no_response no_update no_updates no_info no_information ' +
    'no_communication no_help didnt_even doesnt_even wont_even cant_even havent_even dont_even hasnt_even ' +
    'for_hours for_days for_weeks for_months still_nothing yet_again every_single_time each_time every_time ' +
    'how_many_times come_on give_me_a_break declined denied rejected refused refuse disconnected dropped_call ' +
    'hung_up hang_up_on hangs_up_on cut_off charging_me fees_for smh yikes ouch boo argh grr blame blaming',
  '-1.6':
    'buggy laggy glitchy sluggish flaky spotty unusable bricked overheating overheats overheated malfunctioning malfunction malfunctions leaking leaky shattered frozen freezes downtime intermittent overrated rotten melted drained ghosted hidden_fees hidden_fee caught_fire keeps_crashing keeps_freezing keeps_dropping keeps_disconnecting ' +
    'only_to_be_told ' +
    'shut_up ' +
    'bad poor unhappy sad upset annoyed annoying annoyance irritated irritating frustrated frustrating frustration ' +
    'disappointed disappointing disappointment worried worry worrying anxious nervous scared afraid fear ' +
    'broken broke faulty defective damaged crack cracked failed fail fails failure ' +
    'unreliable unresponsive unhelpful rude impolite careless lazy sloppy cheap mess messed ' +
    'canceled cancelled complain complaint complaints delayed ' +
    'lost stuck crash crashed crashes crashing hate_to ugh meh ' +
    'not_working stopped_working doesnt_work does_not_work didnt_work did_not_work isnt_working wont_work ' +
    'cant_log_in cannot_log_in cant_login still_waiting still_not never_arrived never_received not_received ' +
    'havent_received have_not_received hasnt_arrived has_not_arrived not_arrived never_came never_showed ' +
    'wrong_item wrong_order want_a_refund my_money_back money_back cancel_my_order charged_twice double_charged ' +
    'charged_me_twice overcharge overbook overbooked oversold bumped cramped uncomfortable dirty smelly stink stinks ' +
    'missed_my_connection missed_my_flight missed_the_connection mishandled misplaced lose losing disappeared vanished ' +
    'ignored ignore ignoring outage out_of_order is_down was_down been_down down_again shady sketchy dodgy ' +
    'a_joke clown clowns chaos chaotic ordeal dismissive yelled yelling shouted screamed clueless pointless ' +
    'helpless powerless trapped exhausted sick insane unfair unjust unreasonable mediocre subpar inferior ugly flimsy ' +
    'fake problematic trouble troubles struggle struggling hassle headache runaround run_around gave_up ' +
    'lack_of done_with im_done i_am_done expected_better expect_better deserve_better need_to_do_better ' +
    'could_have_been_nice would_have_been_nice no_one_cares doesnt_care dont_care_about not_ok not_okay ' +
    'lame suck sucky oof dead die died death kill hurt hurts pain painful suffer suffering injured injury ' +
    'cancer disease crisis accident victim loss lonely cry crying cried tears regret ashamed embarrassed ' +
    'embarrassing guilty jealous bitter stress stressed stressful panic anxiety creepy boring bored tedious ' +
    'attack threat threaten threatened danger dangerous unsafe war fight fighting dumb idiot idiots stupid ' +
    'moron morons jerk ignorant disagree worsened deteriorated downgrade downgraded disorganized unorganized ' +
    'inefficient incorrect inaccurate dissatisfied unsatisfied heartbreaking',
  '-2.4':
    'terrible awful horrible horrendous dreadful atrocious worst pathetic useless worthless hopeless ' +
    'ridiculous absurd unacceptable outrageous appalling shocking shameful disgraceful ' +
    'angry mad furious livid outraged infuriating infuriated hate hated hates despise ' +
    'incompetent incompetence negligent scam scammed scammer fraud fraudulent ripoff rip_off ripped_off ' +
    'lied lie lies lying liar liars dishonest misleading cheated cheat stolen steal stealing ' +
    'disgusting disgusted gross nasty vile sick_of fed_up tired_of waste wasted ' +
    'nightmare disaster garbage trash junk crap crappy sucks sucked damn dammit wtf ffs fml stfu ' +
    'miserable heartbroken devastated depressed terrified horrified ' +
    'still_havent_received still_have_not_received still_not_received still_hasnt_arrived still_no ' +
    'cancel_my_subscription cancel_my_account close_my_account cancel_the_subscription ' +
    'waste_of_time waste_of_money never_again go_elsewhere taking_my_business_elsewhere ' +
    'take_my_business_elsewhere last_time_i switching_to false_advertising thanks_for_nothing thank_you_for_nothing ' +
    'overcharged greedy greed gouging price_gouging extortion theft robbery robbed stranded filthy shoddy ' +
    'counterfeit is_a_joke what_a_joke shambles fiasco debacle catastrophe hellish torture insult insulting ' +
    'disrespect disrespectful condescending arrogant unprofessional inept lousy worse negligence rubbish nonsense ' +
    'bollocks couldnt_care_less could_not_care_less nobody_cares not_acceptable not_good_enough epic_fail epicfail ' +
    'are_you_kidding you_kidding_me kidding_me are_you_serious the_hell from_hell hell_no for_the_last_time ' +
    'evil killed murder abuse abusive violence violent racist racism sexist bigot tragic tragedy grief humiliating ' +
    'humiliated idiotic stupidity goddamn bastard prick bitch douche ass pissed pissed_off enraged ruined ruin ' +
    'never_flying never_fly',
  '-3.2':
    'scum scumbag bullshit fucking fuck fucked fuckin shit shitty screw_you how_dare_you worst_ever ' +
    'absolutely_ridiculous completely_unacceptable totally_unacceptable beyond_ridiculous ' +
    'never_ever_again worst_service worst_company worst_experience worst_airline worst_customer_service ' +
    'asshole assholes motherfucker',
};

/**
 * Words that mean nothing for sentiment although a stem or a tier would say
 * otherwise: stance adverbs ("clearly" is not "clear"), the preposition
 * "like", agreement words that answer a question ("yes, still waiting"),
 * requests ("would like"), and the plain "first class" of a ticket.
 */
export const EN_NEUTRAL =
  'like yes yeah yep yup sure lately later latest clearly obviously honestly frankly surely simply certainly definitely apparently ' +
  'basically literally actually would_like first_class business_class good_morning good_afternoon ' +
  'good_evening good_night good_day feel_free free well customer_care pretty_much ' +
  'as_well as_good_as no_matter no_doubt no_need no_way no_idea no_thanks';

/**
 * What a customer expects to happen: negated, it is a complaint ("never
 * came", "won't let me", "doesn't load", "nobody told me"), though the word
 * itself is neutral.
 */
export const EN_EXPECTED =
  'work works worked working function functioning load loads loading open opens opened arrive arrives arrived ' +
  'come comes came show shows showed shown show_up showed_up turn_up turned_up answer answers answered answering ' +
  'reply replies replied respond responds responded response get got received receive deliver delivers delivered ' +
  'help helps helping apply applies applied accept accepts accepted connect connects connected refund refunded ' +
  'process processed update updates updated ship shipped send sent let lets allow allows allowed go_through ' +
  'went_through goes_through gone_through sync synced start starts started print call called calls tell told ' +
  'inform informed notify notified knock knocked pick_up picked_up return returned listen listens listening ' +
  'reach reached get_through get_back got_back care cares bother bothered honor honour honored honoured ' +
  'credit credited reimburse reimbursed compensate compensated log_in login sign_in access explain explained ' +
  'offer offered acknowledge acknowledged apologize apologise apologized apologised fix fixed resolve resolved';

/** Phrases that are an exclamation only at the end of a clause ("come on!", not "come on Saturday"). */
export const EN_INTERJECTIONS = 'come_on give_me_a_break seriously_though';

/** Intensifiers (×) and diminishers (<1) that scale the next sentiment word. */
export const EN_DEGREE: Record<string, number> = {
  very: 1.3, really: 1.3, so: 1.3, extremely: 1.5, incredibly: 1.5, absolutely: 1.5, completely: 1.4,
  totally: 1.4, utterly: 1.5, super: 1.4, truly: 1.3, too: 1.2, highly: 1.3, seriously: 1.3,
  particularly: 1.2, especially: 1.2, exceptionally: 1.4, remarkably: 1.3, insanely: 1.5, ridiculously: 1.4,
  most: 1.2, more: 1.1, such: 1.2, quite: 1.1, fully: 1.2, hugely: 1.4, terribly: 1.4, awfully: 1.4,
  freaking: 1.4, fricking: 1.4, frickin: 1.4, damn: 1.3, bloody: 1.3, fucking: 1.5, fuckin: 1.5, deeply: 1.4,
  beyond: 1.3, genuinely: 1.2, soo: 1.4, sooo: 1.5, soooo: 1.5, mega: 1.4, majorly: 1.4, unbelievably: 1.5, crazy: 1.2,
  slightly: 0.6, somewhat: 0.7, kinda: 0.7, kind_of: 0.7, sort_of: 0.7, a_bit: 0.7, a_little: 0.7,
  little: 0.8, barely: 0.6, hardly: 0.6, marginally: 0.6, partly: 0.7, fairly: 0.9, pretty: 1.1,
  almost: 0.8, mostly: 0.9, rather: 0.9,
};

/** Words that negate the next few words (contractions are spelled without the apostrophe too). */
export const EN_NEGATORS =
  'not no never neither nor nobody nothing none nowhere without cannot cant dont doesnt didnt isnt arent ' +
  'wasnt werent wont wouldnt shouldnt couldnt havent hasnt hadnt aint mustnt neednt lack lacks lacking ' +
  'zero noone no_one no_longer';

/** Emotion cue words and phrases ('_' for spaces), weight 1 unless suffixed ':w'. */
export const EN_EMOTION: Record<string, string> = {
  anger:
    'angry:2 furious:2.5 livid:2.5 outraged:2.5 mad:1.5 enraged:2.5 pissed:2 pissed_off:2.5 rage:2 ' +
    'unacceptable:2 ridiculous:1.5 absurd:1.5 outrageous:2 infuriating:2.5 infuriated:2.5 ' +
    'hate:1.5 hated:1.5 despise:2 disgusting:2 disgusted:2 gross:1.5 nasty:1.5 vile:2 ' +
    'scam:2 scammed:2 fraud:2 ripoff:2 rip_off:2 ripped_off:2 liar:2 lied:2 cheated:2 stealing:2 ' +
    'rude:1.5 incompetent:2 pathetic:2 disgrace:2 disgraceful:2 shameful:1.5 insulting:2 insult:1.5 ' +
    'how_dare:2.5 wtf:1.5 bullshit:2 fuck:2 fucking:1.5 damn:1 screw_you:2.5 shut_up:1.5 ' +
    'stupid:1.5 idiot:2 idiots:2 moron:2 garbage:1 trash:1 sick_of:1.5 hostile:1.5 offended:1.5 offensive:1.5 ' +
    'ffs:2 stfu:2 asshole:2 bitch:1.5 bastard:2 disrespectful:2 condescending:2 greedy:1.5 shit:1 ' +
    'are_you_kidding:2 you_kidding_me:2 thanks_for_nothing:2 how_dare_you:2.5 dumb:1.5 idiotic:2 racist:2',
  frustration:
    'still:1 again:1 yet_again:2 once_again:1.5 waited:1 waiting:1 wait:0.5 keep:0.5 keeps:1 kept:0.5 ' +
    'every_time:1.5 how_many_times:2 over_and_over:2 multiple_times:1.5 several_times:1.5 ' +
    'frustrated:2 frustrating:2 frustration:2 annoyed:1.5 annoying:1.5 irritated:1.5 irritating:1.5 ' +
    'fed_up:2 tired_of:1.5 sick_of:1.5 useless:1 hassle:1.5 runaround:2 on_hold:1.5 ' +
    'no_one:1 nobody:1 no_response:1.5 no_reply:1.5 ignored:1.5 ignoring:1.5 stuck:1 ' +
    'not_working:1 doesnt_work:1 still_not:1.5 still_no:1.5 still_waiting:2 still_havent:2 ' +
    'ugh:1.5 seriously:0.5 already:0.5 another:0.3 confusing:1 complicated:1 pointless:1.5 ' +
    'for_hours:1.5 for_days:1.5 for_weeks:1.5 come_on:1.5 smh:1.5 argh:1.5 grr:1.5 didnt_even:1',
  sadness:
    'sad:2 sadly:1.5 unhappy:1.5 disappointed:2 disappointing:2 disappointment:2 let_down:2 ' +
    'upset:1.5 heartbroken:2.5 devastated:2.5 depressed:2 depressing:2 miserable:2 cry:1.5 crying:1.5 ' +
    'tears:1.5 sorry:1 unfortunately:1 regret:1.5 regrets:1.5 lonely:2 alone:0.5 hurt:1.5 hurts:1.5 ' +
    'pain:1 painful:1.5 grief:2 grieving:2 miss:1 missed:0.5 lost:0.5 loss:1 died:2 death:1.5 passed_away:2 ' +
    'rip:1.5 sucks:1 shame:1 too_bad:1.5 gutted:2 sigh:1 awful:0.5 terrible:0.5 hopeless:1.5 ' +
    'broke_my_heart:2.5 poor:0.5 feel_bad:1.5 ashamed:1.5 guilty:1.5 apologize:0.5 apologies:0.5 ' +
    'heartbreaking:2.5 tragic:2 tragedy:2 cried:1.5 misses:1 sadness:2',
  fear:
    'worried:2 worry:1.5 worrying:2 worried_about:2 scared:2 afraid:2 fear:2 fears:2 frightened:2 ' +
    'terrified:2.5 terrifying:2.5 scary:2 anxious:2 anxiety:2 nervous:2 panic:2 panicking:2 ' +
    'concerned:1.5 concern:1 concerns:1 unsafe:2 dangerous:1.5 danger:1.5 risk:1 risky:1.5 ' +
    'what_if:1 hacked:2 compromised:1.5 fraudulent_charge:1.5 unauthorized:1.5 creepy:1.5 ' +
    'horror:1.5 nightmare:1 dread:2 threatening:1.5 insecure:1 unsure:0.5 stressed:1 panicked:2 yikes:1',
  joy:
    'great:1.5 thanks:1.5 thank:1.5 thank_you:1.5 thx:1 grateful:2 appreciate:1.5 appreciated:1.5 ' +
    'love:2 loved:2 lovely:2 happy:2 glad:2 pleased:2 delighted:2.5 thrilled:2.5 excited:2 ' +
    'awesome:2 amazing:2 wonderful:2 excellent:2 perfect:1.5 fantastic:2 brilliant:2 beautiful:1.5 ' +
    'enjoy:1.5 enjoyed:1.5 fun:1.5 funny:1.5 lol:1.5 haha:1.5 hahaha:2 lmao:1.5 congrats:2 ' +
    'congratulations:2 yay:2 hooray:2 proud:1.5 relieved:1.5 hope:1 hopefully:1 cool:1 nice:1.5 ' +
    'good:1 best:1.5 well_done:2 good_job:2 works_now:1.5 resolved:1 fixed:1 sorted:1 agree:1 ' +
    'recommend:1 cute:1.5 sweet:1 glad_to:1.5 yes:0.5 welcome:0.5 wish:0.5 favorite:1.5 favourite:1.5 ' +
    'kudos:2 shoutout:1.5 gorgeous:1.5 adorable:1.5 hilarious:2 laugh:1 laughing:1 smile:1 made_my_day:2.5 ' +
    'cant_wait:1.5 looking_forward:1.5 cheers:1 bless:1 blessed:1.5 lucky:1.5 delicious:1.5 xoxo:1.5',
  surprise:
    'wow:2 whoa:2 woah:2 omg:1.5 oh_my:1.5 oh_my_god:2 unexpected:2 unexpectedly:2 surprised:2 ' +
    'surprising:2 surprise:2 shocked:2 shocking:1.5 astonished:2 astonishing:2 amazed:1.5 ' +
    'cant_believe:2 cannot_believe:2 can_not_believe:2 didnt_expect:2 did_not_expect:2 ' +
    'never_expected:2 no_way:1.5 huh:1.5 curious:1.5 ' +
    'wonder:1 wondering:1 interesting:1 suddenly:1 out_of_nowhere:1.5 realize:1 realized:1 ' +
    // Confusion and realisation: the customer did not expect this ("I thought shipping was free?").
    'not_sure:1.5 confused:1.5 confusing:1 no_idea:1.5 had_no_idea:2 i_thought:1.5 i_assumed:1.5 thought_it_was:1 ' +
    'didnt_know:1.5 did_not_know:1.5 never_knew:2 dont_understand:1.5 do_not_understand:1.5 dont_get_it:1.5 ' +
    'wait_what:2 whats_going_on:1.5 what_happened:1.5 how_come:1.5 how_is_that:1 how_is_this:1 why_would:1.5 ' +
    'turns_out:1.5 apparently:1 just_realized:2 just_noticed:1.5 til:1.5 holy:1.5 really:0.3 what_does:1 ' +
    'explain:0.5 mean:0.5 strange:1 weird:1 odd:1 bizarre:1.5 mystery:1.5 whoops:1 oops:1',
};
